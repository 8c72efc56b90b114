package io.heapreel.model.lifespan;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The allocations a snapshot shows, by start block, with their allocation ids (the event that made
 * each): what joins a snapshot's objects to their lifespans.
 *
 * @param startBlocks sorted
 * @param allocationIds the start event of the allocation at {@code startBlocks[i]}
 */
public record LiveAllocations(long snapshot, int[] startBlocks, long[] allocationIds) implements Serializable {
  public LiveAllocations {
    if (startBlocks.length != allocationIds.length) {
      throw new IllegalArgumentException("one allocation id per start block");
    }
  }

  /** A snapshot whose allocations are not known (no log, or beyond its end). */
  public static LiveAllocations unknown(long snapshot) {
    return new LiveAllocations(snapshot, new int[0], new long[0]);
  }

  /** The id of the allocation starting at {@code startBlock}, or null when none is known there. */
  public Long allocationAt(int startBlock) {
    int i = Arrays.binarySearch(startBlocks, startBlock);
    return i < 0 ? null : allocationIds[i];
  }

  public int size() {
    return startBlocks.length;
  }
}
