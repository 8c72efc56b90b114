package io.heapreel.model.render;

import io.heapreel.model.heap.HeapStats;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Everything one frame shows, as a value: the painter is a pure function of it.
 *
 * @param snapshot the snapshot's index in the capture
 * @param areas block states of every heap area, in area order
 * @param allocations every allocation with its colour class and flags
 * @param event the event the snapshot was taken at, or null when the log is not at hand
 * @param totals the snapshot's block figures (used, free, largest free run)
 * @param timeline free space over the whole capture; the frame marks {@code snapshot} on it
 */
public record FrameInput(
    long snapshot,
    List<AreaBlocks> areas,
    List<FrameAllocation> allocations,
    FrameEvent event,
    HeapStats totals,
    FreeTimeline timeline)
    implements Serializable {
  public FrameInput {
    areas = List.copyOf(areas);
    allocations = List.copyOf(allocations);
    Objects.requireNonNull(totals, "totals");
    Objects.requireNonNull(timeline, "timeline");
    if (areas.isEmpty()) {
      throw new IllegalArgumentException("a frame needs at least one heap area");
    }
  }
}
