package io.heapreel.model.export;

import io.heapreel.model.heap.Allocation;
import io.heapreel.model.heap.HeapLocation;
import java.util.List;

/**
 * Gives each allocation a number that stays the same for as long as the allocation lives, so
 * that DevTools' Comparison view matches it between two snapshots of one capture.
 */
@FunctionalInterface
public interface AllocationIds {
  /** A non-negative number, the same in every snapshot the allocation is alive in. */
  long keyOf(Allocation allocation);

  /**
   * By position: the allocation's head block counted over all areas. Stable while the object
   * lives, but a block freed and reused by a later allocation gets the same key, so Comparison
   * sees such a pair as one object (the log's allocation events tell them apart).
   */
  static AllocationIds byHeadBlock(HeapLocation location) {
    List<Integer> before = new java.util.ArrayList<>();
    int total = 0;
    for (var area : location.areas()) {
      before.add(total);
      total += area.blocks();
    }
    List<Integer> offsets = List.copyOf(before);
    return a -> (long) offsets.get(a.area()) + a.block();
  }
}
