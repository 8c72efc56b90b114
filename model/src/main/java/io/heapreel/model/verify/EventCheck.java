package io.heapreel.model.verify;

import io.heapreel.model.capture.Memory;
import io.heapreel.model.gclog.GcEvent;
import io.heapreel.model.heap.BlockState;
import io.heapreel.model.heap.HeapArea;
import io.heapreel.model.heap.HeapLocation;
import io.heapreel.model.lifespan.Action;

/**
 * One event against its own snapshot, at the cost of one table byte: the block the log names must
 * be in the state the event leaves it in at the dump (CAPTURE.md, "What a snapshot shows at its
 * event"): a head after an alloc or realloc, still a head at a free (logged before it is cleared),
 * free at a sweep (the head is cleared first). A log joined to the wrong dumps (records out of
 * order, another capture's log) fails this at once; {@code verify} checks every touched block.
 *
 * <p>An alloc or realloc must find its head unmarked: the collector marks heads only while it
 * collects, and gc_alloc and gc_realloc give up without a change while it does (gc_lock_depth
 * holds its flag), so no allocation is logged between a mark and the sweep that clears it. A free
 * may be (a finaliser's, run between the two), and a sweep's block is free.
 *
 * <p>The log's start block is a heap block ({@link HeapLocation}): the capture hook counts it from
 * the first area's pool start in every area, so it names the area too.
 */
public final class EventCheck {
  private static final String[] NAMES = {"FREE", "HEAD", "TAIL", "MARK"};

  private EventCheck() {}

  /** Why the snapshot contradicts the event, or null when it agrees (a heap of one area). */
  public static String disagreement(GcEvent event, Action action, boolean sweep, Memory snapshot, HeapArea area) {
    return disagreement(event, action, sweep, snapshot, HeapLocation.of(area));
  }

  /** Why the snapshot contradicts the event, or null when it agrees; the event's block is a heap block of {@code heap}. */
  public static String disagreement(GcEvent event, Action action, boolean sweep, Memory snapshot, HeapLocation heap) {
    boolean head = switch (action) {
      case ALLOC, REALLOC, FREE -> true;
      case SWEEP -> false;
      case FREE_UNKNOWN -> !sweep;
    };
    boolean allocation = action == Action.ALLOC || action == Action.REALLOC;
    return disagreement(event.index(), event.line(), event.startBlock(), head, allocation, name(action), snapshot, heap);
  }

  /**
   * The same for an event known by its parts: {@code head} when the block must be a head at the
   * dump, else free; {@code what} names the event (alloc, free, sweep); {@code block} is a heap block
   * ({@link HeapLocation}: the log counts blocks from the first pool start in every area).
   */
  public static String disagreement(long index, long line, int block, boolean head, String what, Memory snapshot, HeapLocation heap) {
    return disagreement(index, line, block, head, false, what, snapshot, heap);
  }

  /** The same; {@code allocation} when the event allocated the block (alloc, realloc): its head must not be marked. */
  public static String disagreement(
      long index, long line, int block, boolean head, boolean allocation, String what, Memory snapshot, HeapLocation heap) {
    long present = heap.present(snapshot);
    int area = heap.areaOf(block, present);
    if (area < 0) {
      return block >= heap.heapBlocks() || block < heap.lowestHeapBlock()
          ? String.format("event %d (log line %d): %s of block %d, past the heap's %d blocks", index, line, what, block, heap.heapBlocks())
          : heap.areaOf(block) >= 0
              ? String.format("event %d (log line %d): %s of block %d, in a heap area snapshot %d's list of areas lacks", index, line, what, block, index)
              : String.format("event %d (log line %d): %s of block %d, which lies between the heap's areas", index, line, what, block);
    }
    int state = BlockState.of(snapshot, heap.areas().get(area), block - heap.heapBlock(area, 0));
    if (allocation && state == BlockState.MARK) {
      return String.format("event %d (log line %d): %s of block %d, but snapshot %d shows the block MARK: the collector"
              + " marks only while it collects, when it allocates nothing; the log and ram.bin disagree here",
          index, line, what, block, index);
    }
    if (head ? BlockState.isHead(state) : state == BlockState.FREE) {
      return null;
    }
    return String.format("event %d (log line %d): %s of block %d, but snapshot %d shows the block %s, not %s:"
            + " the log and ram.bin disagree here",
        index, line, what, block, index, NAMES[state], head ? "HEAD" : "FREE");
  }

  private static String name(Action action) {
    return action.name().toLowerCase(java.util.Locale.ROOT);
  }
}
