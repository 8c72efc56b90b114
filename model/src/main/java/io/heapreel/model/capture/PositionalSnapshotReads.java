package io.heapreel.model.capture;

import io.heapreel.model.error.CaptureException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The whole snapshots of a plain (uncompressed) local ram.bin, each fetched by one positional read
 * into one buffer that the next read reuses: a snapshot is valid until the next is read. For the
 * typings of a replay, which read every word of a snapshot's heap once and keep nothing of its
 * bytes: through a mapping each snapshot cost page faults (a few, with the kernel mapping the pages
 * around the one touched) and the unmapping of its pages, a third of a typing's CPU time on the 8 GB
 * bench capture (docs/speed.md, "eighth step"). A page-cache-cold file is read without the
 * kernel's read-ahead of a mapping, so this is for a file the run reads in order anyway.
 */
public final class PositionalSnapshotReads implements SnapshotReads {
  private final Path file;
  private final RamSpan span;
  private final long count;
  private final FileChannel channel;
  private final ByteBuffer buffer;

  private PositionalSnapshotReads(Path file, RamSpan span, long count, FileChannel channel) {
    this.file = file;
    this.span = span;
    this.count = count;
    this.channel = channel;
    this.buffer = ByteBuffer.allocateDirect((int) span.length());
  }

  /** @param count the whole snapshots in the file */
  public static PositionalSnapshotReads open(Path file, RamSpan span, long count) {
    WholeSnapshotFile.requireSpanUnder2GiB(file.toString(), span);
    try {
      return new PositionalSnapshotReads(file, span, count, FileChannel.open(file, StandardOpenOption.READ));
    } catch (IOException e) {
      throw new CaptureException(file + ": cannot open (" + e.getMessage() + ")", e);
    }
  }

  /** Snapshot {@code index}, in the buffer the next call overwrites. */
  @Override
  public Snapshot snapshot(long index) {
    if (index < 0 || index >= count) {
      throw new CaptureException(file + ": no snapshot " + index + " (it holds " + count + ")");
    }
    long offset = index * span.length();
    buffer.clear();
    try {
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, offset + buffer.position()) < 0) {
          throw new CaptureException(file + ": ends before offset " + (offset + span.length()));
        }
      }
    } catch (IOException e) {
      throw new CaptureException(file + ": cannot read at offset " + offset + " (" + e.getMessage() + ")", e);
    }
    return new Snapshot(index, span.start(), buffer.clear());
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // read-only: nothing was written that could be lost
    }
  }
}
