package io.heapreel.pipeline;

import io.heapreel.model.error.CaptureException;
import io.heapreel.model.error.Reasons;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code OUT/.lock}, held while a run writes into OUT. The operating system drops the lock when
 * the process dies, so a killed run never blocks the next; the file holds the pid for the message.
 */
final class OutputLock implements AutoCloseable {
  static final String FILE = ".lock";

  private final FileChannel channel;
  private final FileLock lock;

  private OutputLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static OutputLock acquire(Path out) {
    Path file = out.resolve(FILE);
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new CaptureException(file + ": cannot create the lock file of the output folder (" + Reasons.of(e) + ")", e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // a run in this same process holds it
    } catch (IOException e) {
      close(channel);
      throw new CaptureException(file + ": cannot lock the output folder (" + Reasons.of(e) + ")", e);
    }
    if (lock == null) {
      String holder = holder(file);
      close(channel);
      throw new CaptureException(out + ": another heapreel run" + holder
          + " is writing into this folder; wait for it to end or give another --out");
    }
    try {
      byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(pid), 0);
    } catch (IOException e) {
      // the pid is for the message only; the lock itself holds
    }
    return new OutputLock(channel, lock);
  }

  private static String holder(Path file) {
    try {
      String pid = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return pid.matches("[0-9]+") ? " (pid " + pid + ")" : "";
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // closing the channel releases it too
    }
    close(channel);
  }

  private static void close(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing was written that matters
    }
  }
}
