package io.heapreel.model.verify;

import io.heapreel.model.capture.Memory;
import io.heapreel.model.gclog.GcEvent;
import io.heapreel.model.heap.BlockState;
import io.heapreel.model.heap.HeapArea;
import io.heapreel.model.lifespan.Action;

/**
 * One event against its own snapshot, at the cost of one table byte: the block the log names must
 * be in the state the event leaves it in at the dump (CAPTURE.md, "What a snapshot shows at its
 * event"): a head after an alloc or realloc, still a head at a free (logged before it is cleared),
 * free at a sweep (the head is cleared first). A log joined to the wrong dumps (records out of
 * order, another capture's log) fails this at once; {@code verify} checks every touched block.
 */
public final class EventCheck {
  private static final String[] NAMES = {"FREE", "HEAD", "TAIL", "MARK"};

  private EventCheck() {}

  /** Why the snapshot contradicts the event, or null when it agrees. */
  public static String disagreement(GcEvent event, Action action, boolean sweep, Memory snapshot, HeapArea area) {
    int block = event.startBlock();
    if (block >= area.blocks()) {
      return String.format("event %d (log line %d): %s of block %d, past the heap's %d blocks",
          event.index(), event.line(), name(action), block, area.blocks());
    }
    boolean head = switch (action) {
      case ALLOC, REALLOC, FREE -> true;
      case SWEEP -> false;
      case FREE_UNKNOWN -> !sweep;
    };
    int state = BlockState.of(snapshot, area, block);
    if (head ? BlockState.isHead(state) : state == BlockState.FREE) {
      return null;
    }
    return String.format("event %d (log line %d): %s of block %d, but snapshot %d shows the block %s, not %s:"
            + " the log and ram.bin disagree here",
        event.index(), event.line(), name(action), block, event.index(), NAMES[state], head ? "HEAD" : "FREE");
  }

  private static String name(Action action) {
    return action.name().toLowerCase(java.util.Locale.ROOT);
  }
}
