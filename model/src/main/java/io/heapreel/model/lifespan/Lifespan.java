package io.heapreel.model.lifespan;

import io.heapreel.model.gclog.Frame;
import io.heapreel.model.heap.HeapArea;
import java.io.Serializable;
import java.util.List;

/**
 * One allocation from the event that made it to the event that ended it.
 *
 * @param startAction {@link Action#ALLOC} or {@link Action#REALLOC}
 * @param endEvent the event that ended it, or {@link #ALIVE} when it is still live at the end
 * @param endCause REALLOC, FREE or SWEEP; null while alive
 * @param startTrace the trace of the start event (frame #1 first)
 * @param endTrace the trace of the end event; empty while alive
 * @param site index in {@code startTrace} of the allocation site (the first frame outside the
 *     allocator), or -1 when the trace has none
 */
public record Lifespan(
    int startBlock,
    int blocks,
    long startEvent,
    Action startAction,
    long endEvent,
    Action endCause,
    List<Frame> startTrace,
    List<Frame> endTrace,
    int site) implements Serializable {
  public static final long ALIVE = -1;

  public Lifespan {
    startTrace = List.copyOf(startTrace);
    endTrace = List.copyOf(endTrace);
  }

  public boolean alive() {
    return endEvent == ALIVE;
  }

  public Frame siteFrame() {
    return site < 0 ? null : startTrace.get(site);
  }

  /** The head's address in a (single-area) heap. */
  public long address(HeapArea area) {
    return area.blockAddress(startBlock);
  }

  /** Alive after event {@code event} has happened. */
  public boolean aliveAfter(long event) {
    return startEvent <= event && (alive() || endEvent > event);
  }
}
