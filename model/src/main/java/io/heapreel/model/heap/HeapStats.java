package io.heapreel.model.heap;

import java.io.Serializable;

/**
 * Block-level figures of one snapshot, summed over its heap areas.
 *
 * @param objects heads (HEAD or MARK blocks): the allocations
 * @param marked heads in the MARK state (a collection's sweep in progress)
 * @param allocatedBlocks every non-free block, orphan tails included
 * @param tailBlocks TAIL blocks, orphan tails included
 * @param orphanTailBlocks TAIL blocks that continue no allocation (normal mid-sweep)
 * @param largestFreeBlocks the longest run of free blocks (runs do not span areas)
 * @param freeRuns how many runs of free blocks there are
 * @param finaliserBlocks heads whose finaliser bit is set
 * @param totalBlocks blocks in all pools
 * @param suspect why no collector could have left this allocation table (a damaged or foreign
 *     dump), or null when it is possible
 */
public record HeapStats(
    int objects,
    int marked,
    int allocatedBlocks,
    int tailBlocks,
    int orphanTailBlocks,
    int freeBlocks,
    int largestFreeBlocks,
    int freeRuns,
    int finaliserBlocks,
    int totalBlocks,
    String suspect) implements Serializable {
  public HeapStats(
      int objects, int marked, int allocatedBlocks, int tailBlocks, int orphanTailBlocks, int freeBlocks,
      int largestFreeBlocks, int freeRuns, int finaliserBlocks, int totalBlocks) {
    this(objects, marked, allocatedBlocks, tailBlocks, orphanTailBlocks, freeBlocks, largestFreeBlocks, freeRuns,
        finaliserBlocks, totalBlocks, null);
  }
}
