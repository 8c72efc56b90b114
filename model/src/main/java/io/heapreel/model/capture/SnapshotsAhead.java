package io.heapreel.model.capture;

import io.heapreel.model.error.CaptureException;
import io.heapreel.model.flow.Ahead;
import java.util.function.Consumer;

/**
 * Every snapshot of a file, read in order on a thread of its own and handed to {@code work} there,
 * ahead of a reader that asks for snapshots in about that order (the log replay: each event's
 * snapshot and the one before it). Both so read each snapshot once: for a compressed file, each
 * block is decompressed once for the work (the decode of the {@code snapshots} rows) and the
 * reader, and the decompression and the work lie off the reader's thread.
 *
 * <p>What the work makes of each snapshot is handed to {@code taken} on the reader's thread, in
 * snapshot order, as the reader passes the snapshot ({@link #snapshot}) or at {@link #finish}: every
 * snapshot's exactly once. At most {@code ahead} snapshots wait between the two threads, and the
 * reader keeps the last {@value #KEPT} it passed, so memory stays bounded whatever the length of the
 * file. A snapshot asked for behind those is read again from a reader of its own. Not thread-safe
 * (one reader thread).
 *
 * @param <T> what the work makes of a snapshot
 */
public final class SnapshotsAhead<T> implements SnapshotFile {
  /** The snapshots passed that are kept for a step back (the replay reads the one before an event's). */
  static final int KEPT = 3;

  /** What is done with each snapshot on the thread that reads them. */
  @FunctionalInterface
  public interface Work<T> {
    /**
     * @param snapshot snapshot {@code index}, or null when it cannot be read
     * @param unreadable why it cannot be read, or null
     */
    T apply(long index, Snapshot snapshot, CaptureException unreadable);
  }

  /** Snapshot {@code index} (null when unreadable, then {@code unreadable} says why) and what the work made of it. */
  private record Read<T>(long index, Snapshot snapshot, CaptureException unreadable, T made) {}

  private final SnapshotFile file;
  private final long count;
  private final Consumer<T> taken;
  private final Ahead<Read<T>> reads;
  /** The snapshots passed last, newest first. */
  private final Read<?>[] kept = new Read<?>[KEPT];
  /** The last snapshot passed; -1 before the first. */
  private long passed = -1;
  private boolean done;
  /** For a snapshot asked for behind the kept ones; opened when first needed. */
  private SnapshotFile behind;

  /**
   * Starts reading at once.
   *
   * @param file the reader for the thread (closed by {@link #close()}, not before: snapshots handed
   *     out may be views into it)
   * @param count the snapshots to read, from the first: at most the file's
   * @param ahead how many snapshots may wait, read, for the reader (at least 1)
   * @param work done with each snapshot, in order, on the thread
   * @param taken given what the work made of each snapshot, in order, on the reader's thread
   */
  public SnapshotsAhead(SnapshotFile file, long count, int ahead, Work<T> work, Consumer<T> taken) {
    if (ahead < 1 || count < 0 || count > file.count()) {
      throw new IllegalArgumentException("ahead " + ahead + " must be at least 1, count " + count + " at most the file's " + file.count());
    }
    this.file = file;
    this.count = count;
    this.taken = taken;
    this.reads = new Ahead<>("heapreel-snapshots-ahead", ahead, read -> produce(work, read));
  }

  private void produce(Work<T> work, Consumer<Read<T>> read) {
    for (long s = 0; s < count; s++) {
      Snapshot snapshot = null;
      CaptureException unreadable = null;
      try {
        snapshot = file.snapshot(s);
      } catch (CaptureException e) {
        unreadable = e;
      }
      read.accept(new Read<>(s, snapshot, unreadable, work.apply(s, snapshot, unreadable)));
    }
  }

  @Override
  public Snapshot snapshot(long index) {
    if (index < 0 || index >= count()) {
      return behind().snapshot(index); // its message names the file and the snapshots it holds
    }
    while (passed < index) {
      pass();
    }
    for (Read<?> read : kept) {
      if (read != null && read.index() == index) {
        if (read.unreadable() != null) {
          throw new CaptureException(read.unreadable().getMessage(), read.unreadable());
        }
        return read.snapshot();
      }
    }
    return behind().snapshot(index);
  }

  /** Hands what the work made of every snapshot not passed yet to {@code taken}, waiting for the thread to read them all. */
  public void finish() {
    while (!done) {
      pass();
    }
  }

  /** Takes the next snapshot from the thread, hands what the work made of it over and keeps it. */
  private void pass() {
    Read<T> read;
    try {
      read = reads.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for snapshot " + (passed + 1) + " of " + file.name(), e);
    }
    if (read == null) {
      done = true;
      passed = Long.MAX_VALUE;
      return;
    }
    taken.accept(read.made());
    System.arraycopy(kept, 0, kept, 1, KEPT - 1);
    kept[0] = read;
    passed = read.index();
  }

  private SnapshotFile behind() {
    if (behind == null) {
      behind = file.reopen();
    }
    return behind;
  }

  @Override
  public String name() {
    return file.name();
  }

  @Override
  public RamSpan span() {
    return file.span();
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public long partialBytes() {
    return file.partialBytes();
  }

  @Override
  public long snapshotsPerPart() {
    return file.snapshotsPerPart();
  }

  @Override
  public SnapshotFile reopen() {
    return file.reopen();
  }

  /** Stops the thread (a snapshot under way is finished first) and closes the readers. */
  @Override
  public void close() {
    reads.close();
    file.close();
    if (behind != null) {
      behind.close();
    }
  }
}
