package io.heapreel.model.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.MappedByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Reads a file from its start to its end into the page cache on a thread of its own, in large
 * sequential reads, so that the passes over it find its pages there: the decode and the log replay
 * each read a little of every snapshot (1.8 KB of 72 KiB) at scattered offsets, for which the kernel
 * reads ahead much less than for a sequential reader (docs/compressed.md). Chunks already in the
 * page cache are skipped (their mapping's {@link MappedByteBuffer#isLoaded}, the kernel's residency
 * of its pages), so a file read just before costs only the checks; a file larger than half the
 * machine's memory is left alone. Best effort: a failure to read only ends it.
 */
public final class ColdReadAhead implements AutoCloseable {
  static final long CHUNK = 64L << 20;
  /** A file this size fits in the memory of any machine that runs heapreel: its size is not checked against it. */
  private static final long SMALL = 1L << 30;
  private static final long READ = 8L << 20;
  /** The page cache's residency is probed once in this many bytes ({@link #probablyLoaded}). */
  static final int PROBE_EVERY = 1 << 20;
  private static final int PAGE = 4096;

  private final Path file;
  private final long chunk;
  private final Predicate<MappedByteBuffer> cached;
  private final AtomicLong bytesRead = new AtomicLong();
  private final Thread thread;
  private volatile boolean closed;

  ColdReadAhead(Path file, long chunk, Predicate<MappedByteBuffer> cached) {
    this.file = file;
    this.chunk = chunk;
    this.cached = cached;
    this.thread = new Thread(this::readAll, "heapreel-read-ahead");
    thread.setDaemon(true);
  }

  /** Starts reading {@code file} ahead. */
  public static ColdReadAhead start(Path file) {
    ColdReadAhead ahead = new ColdReadAhead(file, CHUNK, ColdReadAhead::probablyLoaded);
    ahead.startThread();
    return ahead;
  }

  /**
   * Whether a chunk's pages are in the page cache, judged by one page in every {@value #PROBE_EVERY}
   * bytes: {@link MappedByteBuffer#isLoaded} of the whole chunk asks the kernel about each of its
   * 16,384 pages, which for a file read just before cost 0.1-0.45 s of CPU over the 8 GB bench
   * capture (docs/speed.md). A chunk partly cached between probes is read all the same when one
   * probe misses; one cached only at the probes is taken as cached (only a wait, never a wrong result).
   */
  static boolean probablyLoaded(MappedByteBuffer chunk) {
    int size = chunk.capacity();
    for (long at = 0; at < size; at += PROBE_EVERY) {
      if (!chunk.slice((int) at, Math.min(PAGE, size - (int) at)).isLoaded()) {
        return false;
      }
    }
    return size == 0 || chunk.slice(size - 1, 1).isLoaded();
  }

  /**
   * Whether a file of {@code size} bytes is read ahead: one up to 1 GiB, or up to half the machine's
   * memory. A larger one is not, as it would push out of the page cache what the passes have not
   * reached yet; such a file's pages are likely not in the cache when a pass reads them.
   */
  public static boolean readsAhead(long size) {
    return size <= SMALL || size <= memory() / 2;
  }

  void startThread() {
    thread.start();
  }

  /** Bytes read from the file so far (chunks found in the page cache are not counted). */
  public long bytesRead() {
    return bytesRead.get();
  }

  private void readAll() {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ); WritableByteChannel nowhere = nowhere()) {
      long size = channel.size();
      if (!readsAhead(size)) {
        return;
      }
      for (long start = 0; start < size && !closed; start += chunk) {
        long length = Math.min(chunk, size - start);
        if (cached.test(channel.map(FileChannel.MapMode.READ_ONLY, start, length))) {
          continue;
        }
        for (long at = start; at < start + length && !closed; ) {
          long n = channel.transferTo(at, Math.min(READ, start + length - at), nowhere);
          if (n <= 0) {
            return;
          }
          at += n;
          bytesRead.addAndGet(n);
        }
      }
    } catch (IOException | RuntimeException e) {
      // the passes read the file themselves and report its errors; this only saves them the wait
    }
  }

  /**
   * Where the bytes go: {@code /dev/null} as a file channel, so that the kernel reads the file into
   * its cache and hands nothing to this process (sendfile: 2 GB in 0.04 s of system CPU, against
   * 0.4-1.1 s read into a buffer); elsewhere a channel that drops what it is given.
   */
  private static WritableByteChannel nowhere() throws IOException {
    Path devNull = Path.of("/dev/null");
    return Files.isWritable(devNull)
        ? FileChannel.open(devNull, StandardOpenOption.WRITE)
        : Channels.newChannel(OutputStream.nullOutputStream());
  }

  /** The machine's memory, asked here on the thread: the management classes cost a short run 20-40 ms. */
  private static long memory() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
  }

  /** Stops reading and waits for the thread to end. */
  @Override
  public void close() {
    closed = true;
    awaitEnd();
  }

  /** Waits until the whole file was read or skipped. */
  void awaitEnd() {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
