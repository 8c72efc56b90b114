package io.heapreel.model.verify;

import io.heapreel.model.capture.Memory;
import io.heapreel.model.gclog.GcEvent;
import io.heapreel.model.heap.BlockState;
import io.heapreel.model.heap.HeapArea;
import io.heapreel.model.lifespan.Action;
import java.util.List;

/**
 * One event against its own snapshot, at the cost of one table byte: the block the log names must
 * be in the state the event leaves it in at the dump (CAPTURE.md, "What a snapshot shows at its
 * event"): a head after an alloc or realloc, still a head at a free (logged before it is cleared),
 * free at a sweep (the head is cleared first). A log joined to the wrong dumps (records out of
 * order, another capture's log) fails this at once; {@code verify} checks every touched block.
 *
 * <p>With a split heap the log's start block counts in its own area's table and the log does not
 * say which area: the event agrees when any area that has the block shows it in that state.
 */
public final class EventCheck {
  private static final String[] NAMES = {"FREE", "HEAD", "TAIL", "MARK"};

  private EventCheck() {}

  /** Why the snapshot contradicts the event, or null when it agrees. */
  public static String disagreement(GcEvent event, Action action, boolean sweep, Memory snapshot, HeapArea area) {
    return disagreement(event, action, sweep, snapshot, List.of(area));
  }

  /** Why the snapshot contradicts the event in every area of the heap, or null when it agrees. */
  public static String disagreement(GcEvent event, Action action, boolean sweep, Memory snapshot, List<HeapArea> areas) {
    boolean head = switch (action) {
      case ALLOC, REALLOC, FREE -> true;
      case SWEEP -> false;
      case FREE_UNKNOWN -> !sweep;
    };
    return disagreement(event.index(), event.line(), event.startBlock(), head, name(action), snapshot, areas);
  }

  /**
   * The same for an event known by its parts: {@code head} when the block must be a head at the
   * dump, else free; {@code what} names the event (alloc, free, sweep).
   */
  public static String disagreement(long index, long line, int block, boolean head, String what, Memory snapshot, List<HeapArea> areas) {
    int largest = 0;
    int seen = -1;
    for (HeapArea area : areas) {
      largest = Math.max(largest, area.blocks());
      if (block < area.blocks()) {
        int state = BlockState.of(snapshot, area, block);
        if (head ? BlockState.isHead(state) : state == BlockState.FREE) {
          return null;
        }
        seen = seen < 0 ? state : seen;
      }
    }
    if (seen < 0) {
      return String.format("event %d (log line %d): %s of block %d, past the heap's %d blocks%s",
          index, line, what, block, largest, areas.size() > 1 ? " (its largest area)" : "");
    }
    if (areas.size() > 1) {
      return String.format("event %d (log line %d): %s of block %d, but no area of snapshot %d shows that block %s"
              + " (the first shows it %s): the log and ram.bin disagree here",
          index, line, what, block, index, head ? "HEAD" : "FREE", NAMES[seen]);
    }
    return String.format("event %d (log line %d): %s of block %d, but snapshot %d shows the block %s, not %s:"
            + " the log and ram.bin disagree here",
        index, line, what, block, index, NAMES[seen], head ? "HEAD" : "FREE");
  }

  private static String name(Action action) {
    return action.name().toLowerCase(java.util.Locale.ROOT);
  }
}
