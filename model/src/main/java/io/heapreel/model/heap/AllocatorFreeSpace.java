package io.heapreel.model.heap;

import io.heapreel.model.capture.Memory;
import java.util.List;

/**
 * The free space an allocation searching the heap finds: every block that belongs to no allocation
 * (no head before it continues through it), so a sweep's orphan tails count as free. Taken at the
 * last event before an allocation failed, that is the heap its search saw: the sweep in progress
 * there frees those tails before the allocator searches again (py/gc.c, {@code gc_sweep_free_blocks}),
 * and nothing else changes the table in between.
 *
 * @param freeBlocks blocks of no allocation
 * @param largestFreeBlocks the longest run of them in one area (an allocation never spans areas)
 */
public record AllocatorFreeSpace(int freeBlocks, int largestFreeBlocks) {
  public static AllocatorFreeSpace of(HeapDecoder decoder, Memory snapshot) {
    List<HeapArea> areas = decoder.location().areas();
    int[] nextFree = new int[areas.size()];
    int[] largestIn = new int[areas.size()];
    int free = 0;
    for (Allocation a : decoder.allocations(snapshot)) {
      int run = a.block() - nextFree[a.area()];
      free += run;
      largestIn[a.area()] = Math.max(largestIn[a.area()], run);
      nextFree[a.area()] = a.block() + a.blocks();
    }
    int largest = 0;
    long present = decoder.present(snapshot).areas();
    for (int i = 0; i < areas.size(); i++) {
      if ((present & (1L << i)) == 0) {
        continue; // an area the heap does not have in this snapshot: not heap, not free
      }
      int run = areas.get(i).blocks() - nextFree[i];
      free += run;
      largest = Math.max(largest, Math.max(largestIn[i], run));
    }
    return new AllocatorFreeSpace(free, largest);
  }
}
