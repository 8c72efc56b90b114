package io.heapreel.model.objects;

import io.heapreel.model.capture.SnapshotReads;
import io.heapreel.model.error.CaptureException;
import io.heapreel.model.flow.Ahead;
import java.util.function.Consumer;

/**
 * The typings of every {@code grid}-th snapshot (0, grid, 2 grid, ...), made in order on a thread of
 * its own, ahead of a log replay that asks for them in the same order: the typing of the grid
 * snapshots, most of a typed replay's work, then overlaps with the replay instead of lying on its
 * thread. At most {@code ahead} typings wait, so memory stays bounded. It reads through its own
 * {@link SnapshotReads}, which it closes; meant for a file read cheaply at any snapshot (a plain
 * ram.bin), as it reads every grid snapshot whether the replay asks for it or not.
 */
public final class GridTypings implements AutoCloseable {
  /** A typing made ahead; {@code typing} is null for a snapshot that cannot be read. */
  public record Made(long snapshot, ObjectInspector.Typing typing) {}

  private final int grid;
  private final Ahead<Made> typings;

  /**
   * Starts typing at once.
   *
   * @param snapshots a reader of its own (closed by {@link #close()})
   * @param count how many snapshots there are
   */
  public GridTypings(SnapshotReads snapshots, ObjectInspector inspector, long count, int grid, int ahead) {
    if (grid < 1 || ahead < 1) {
      throw new IllegalArgumentException("grid " + grid + " and ahead " + ahead + " must be at least 1");
    }
    this.grid = grid;
    this.typings = new Ahead<>("heapreel-grid-typings", ahead, made -> produce(snapshots, inspector, count, made));
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
        Made made = typings.peek();
        if (made == null || made.snapshot() > snapshot) {
          return null;
        }
        typings.take();
        if (made.snapshot() == snapshot) {
          return made;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the typing of snapshot " + snapshot, e);
    }
  }

  private void produce(SnapshotReads snapshots, ObjectInspector inspector, long count, Consumer<Made> made) {
    try (snapshots) {
      for (long s = 0; s < count; s += grid) {
        ObjectInspector.Typing typing;
        try {
          typing = inspector.types(snapshots.snapshot(s));
        } catch (CaptureException unreadable) {
          typing = null; // a damaged snapshot: the decode reports it
        }
        made.accept(new Made(s, typing));
      }
    }
  }

  /** Stops the thread (a typing under way is finished first) and closes its reader. */
  @Override
  public void close() {
    typings.close();
  }
}
