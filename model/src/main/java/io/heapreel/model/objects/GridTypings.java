package io.heapreel.model.objects;

import io.heapreel.model.capture.SnapshotFile;
import io.heapreel.model.error.CaptureException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The typings of every {@code grid}-th snapshot (0, grid, 2 grid, ...), made in order on a thread of
 * its own, ahead of a log replay that asks for them in the same order: the typing of the grid
 * snapshots, most of a typed replay's work, then overlaps with the replay instead of lying on its
 * thread. At most {@code ahead} typings wait, so memory stays bounded. It reads through its own
 * {@link SnapshotFile}, which it closes; meant for a file read cheaply at any snapshot (a mapped
 * ram.bin), as it reads every grid snapshot whether the replay asks for it or not.
 */
public final class GridTypings implements AutoCloseable {
  /** A typing made ahead; {@code typing} is null for a snapshot that cannot be read. */
  public record Made(long snapshot, ObjectInspector.Typing typing) {}

  private sealed interface Item permits Typed, Failed, Done {}

  private record Typed(Made made) implements Item {}

  private record Failed(Throwable error) implements Item {}

  private record Done() implements Item {}

  private final int grid;
  private final BlockingQueue<Item> queue;
  private final Thread thread;
  /** The first item not handed out yet, taken from the queue; null when none is taken. */
  private Item next;

  /**
   * Starts typing at once.
   *
   * @param snapshots a reader of its own (closed by {@link #close()})
   * @param count how many snapshots there are
   */
  public GridTypings(SnapshotFile snapshots, ObjectInspector inspector, long count, int grid, int ahead) {
    if (grid < 1 || ahead < 1) {
      throw new IllegalArgumentException("grid " + grid + " and ahead " + ahead + " must be at least 1");
    }
    this.grid = grid;
    this.queue = new ArrayBlockingQueue<>(ahead);
    this.thread = new Thread(() -> produce(snapshots, inspector, count), "heapreel-grid-typings");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * The typing of {@code snapshot} when it is a grid snapshot not passed yet (waiting for it if need
   * be), else null: the caller types it itself. Typings before {@code snapshot} are dropped, so ask
   * in increasing order.
   */
  public Made take(long snapshot) {
    if (snapshot % grid != 0) {
      return null;
    }
    try {
      while (true) {
        if (next == null) {
          next = queue.take();
        }
        if (next instanceof Failed failed) {
          if (failed.error() instanceof Error error) {
            throw error;
          }
          throw (RuntimeException) failed.error();
        }
        if (next instanceof Done) {
          return null;
        }
        Made made = ((Typed) next).made();
        if (made.snapshot() > snapshot) {
          return null;
        }
        next = null;
        if (made.snapshot() == snapshot) {
          return made;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the typing of snapshot " + snapshot, e);
    }
  }

  private void produce(SnapshotFile snapshots, ObjectInspector inspector, long count) {
    try (snapshots) {
      for (long s = 0; s < count; s += grid) {
        ObjectInspector.Typing typing;
        try {
          typing = inspector.types(snapshots.snapshot(s));
        } catch (CaptureException unreadable) {
          typing = null; // a damaged snapshot: the decode reports it
        }
        queue.put(new Typed(new Made(s, typing)));
      }
      queue.put(new Done());
    } catch (InterruptedException stopped) {
      // closed: nobody waits for the rest
    } catch (RuntimeException | Error e) {
      try {
        queue.put(new Failed(e));
      } catch (InterruptedException stopped) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Stops the thread (a typing under way is finished first) and closes its reader. */
  @Override
  public void close() {
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
