package io.heapreel.model.lifespan;

import io.heapreel.model.gclog.Frame;
import io.heapreel.model.heap.HeapLocation;
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

  /**
   * The snapshot to read an allocation's type from: at its own alloc event its memory is still zero.
   * Alive at the end: the last snapshot. Else the one just before its end event, unless that is its
   * start event: then the end event's own, where a free or realloc still shows it. -1 when that
   * snapshot is not in the capture.
   *
   * @param endEvent the end event, or {@link #ALIVE}
   */
  public static long typingSnapshot(long startEvent, long endEvent, long snapshots) {
    long chosen = endEvent == ALIVE ? snapshots - 1 : endEvent - 1 > startEvent ? endEvent - 1 : endEvent;
    return chosen > startEvent && chosen < snapshots ? chosen : -1;
  }

  public boolean alive() {
    return endEvent == ALIVE;
  }

  public Frame siteFrame() {
    return site < 0 ? null : startTrace.get(site);
  }

  /** The head's address: the start block is a heap block ({@link HeapLocation}). */
  public long address(HeapLocation heap) {
    return heap.blockAddress(startBlock);
  }

  /** Alive after event {@code event} has happened. */
  public boolean aliveAfter(long event) {
    return startEvent <= event && (alive() || endEvent > event);
  }
}
