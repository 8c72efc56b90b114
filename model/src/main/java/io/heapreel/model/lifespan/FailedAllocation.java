package io.heapreel.model.lifespan;

import io.heapreel.model.gclog.Frame;
import java.io.Serializable;
import java.util.List;

/**
 * A request the allocator could not satisfy, as the log shows it ({@link FailedAllocations}).
 *
 * @param event the last event before the failure: its snapshot shows the heap the allocator gave up
 *     on, but for the tails of the last head a sweep just freed (the sweep frees them after the hook)
 * @param noticedAt the event that shows the failure (the first after the collection that is not the
 *     retried allocation, or the first of the {@code MemoryError}'s making), or -1 at the end of the log
 * @param bytes the bytes asked for ({@code gc_alloc}'s {@code n_bytes} or {@code m_malloc_fail}'s
 *     {@code num_bytes} as gdb printed it), or -1 when the trace does not say
 * @param trace the request's frames: from {@code gc_alloc} (or the caller of {@code m_malloc_fail}) up
 * @param site index in {@code trace} of the first frame outside the allocator, or -1
 * @param collected whether a collection the request started freed something first (its sweeps are
 *     in the log with {@code gc_alloc} below {@code gc_collect})
 * @param memoryError whether the log shows the {@code MemoryError} being made for it ({@code m_malloc_fail}
 *     in the traces of the events that follow)
 */
public record FailedAllocation(
    long event, long noticedAt, long bytes, List<Frame> trace, int site, boolean collected, boolean memoryError)
    implements Serializable {
  public FailedAllocation {
    trace = List.copyOf(trace);
  }

  public Frame siteFrame() {
    return site < 0 ? null : trace.get(site);
  }

  /** The blocks the request needed, or -1 when its bytes are not known. */
  public long blocks(int bytesPerBlock) {
    return bytes < 0 ? -1 : (bytes + bytesPerBlock - 1) / bytesPerBlock;
  }

  FailedAllocation alsoMemoryError() {
    return new FailedAllocation(event, noticedAt, bytes, trace, site, collected, true);
  }
}
