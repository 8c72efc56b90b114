package io.heapreel.model.export;

import io.heapreel.model.heap.Allocation;
import io.heapreel.model.heap.HeapArea;
import io.heapreel.model.heap.HeapLocation;
import java.util.Arrays;
import java.util.List;

/**
 * Resolves a machine word to the allocation it points to, with the collector's own rule: a word
 * refers to an allocation when it points into the allocation's head block (gc_mark follows
 * pointers to HEAD blocks only; pointers into tail blocks keep nothing alive).
 */
final class HeapHeads {
  private final List<HeapArea> areas;
  private final int[][] headOf;

  HeapHeads(HeapLocation location, List<Allocation> allocations) {
    this.areas = location.areas();
    this.headOf = new int[areas.size()][];
    for (int a = 0; a < areas.size(); a++) {
      headOf[a] = new int[areas.get(a).blocks()];
      Arrays.fill(headOf[a], -1);
    }
    for (int i = 0; i < allocations.size(); i++) {
      Allocation al = allocations.get(i);
      headOf[al.area()][al.block()] = i;
    }
  }

  /** The index of the allocation whose head block holds {@code address}, or -1. */
  int allocationAt(long address) {
    for (int a = 0; a < areas.size(); a++) {
      HeapArea area = areas.get(a);
      if (area.inPool(address)) {
        return headOf[a][area.blockOf(address)];
      }
    }
    return -1;
  }
}
