package io.heapreel.model.export;

import io.heapreel.model.heap.HeapLocation;
import io.heapreel.model.objects.HeapObject;

/**
 * Gives each allocation a number that stays the same for as long as the allocation lives, so
 * that DevTools' Comparison view matches it between two snapshots of one capture.
 */
@FunctionalInterface
public interface AllocationIds {
  /** A non-negative number, the same in every snapshot the allocation is alive in. */
  long keyOf(HeapObject object);

  /**
   * By position: the allocation's head block (a heap block, {@link HeapLocation}, counted from the
   * lowest area's pool so that it is not negative). Stable while the object
   * lives, but a block freed and reused by a later allocation gets the same key, so Comparison
   * sees such a pair as one object (the log's allocation events tell them apart).
   */
  static AllocationIds byHeadBlock(HeapLocation location) {
    return o -> {
      if (!location.inPool(o.address())) {
        throw new IllegalArgumentException(String.format("0x%x is in no heap area", o.address()));
      }
      return location.blockOf(o.address()) - location.lowestHeapBlock();
    };
  }
}
