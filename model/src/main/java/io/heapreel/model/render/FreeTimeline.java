package io.heapreel.model.render;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Free space over a whole capture, reduced once to at most {@link #MAX_BUCKETS} buckets of
 * consecutive snapshots (the smallest and largest free figure of each), so a frame draws it in time
 * independent of the capture's length. Shared by every frame of a capture.
 */
public final class FreeTimeline implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final int MAX_BUCKETS = 1024;

  private final long snapshots;
  private final int totalBlocks;
  private final int[] minFree;
  private final int[] maxFree;
  private final int[] minLargest;

  private FreeTimeline(long snapshots, int totalBlocks, int[] minFree, int[] maxFree, int[] minLargest) {
    this.snapshots = snapshots;
    this.totalBlocks = totalBlocks;
    this.minFree = minFree;
    this.maxFree = maxFree;
    this.minLargest = minLargest;
  }

  /**
   * @param freeBlocks free blocks of every snapshot, by snapshot index
   * @param largestFreeBlocks the longest free run of every snapshot
   * @param totalBlocks blocks in all pools (the chart's full height)
   */
  public static FreeTimeline of(int[] freeBlocks, int[] largestFreeBlocks, int totalBlocks) {
    if (freeBlocks.length != largestFreeBlocks.length) {
      throw new IllegalArgumentException("free and largest-free series differ in length");
    }
    int n = freeBlocks.length;
    int buckets = Math.min(n, MAX_BUCKETS);
    int[] minFree = new int[buckets];
    int[] maxFree = new int[buckets];
    int[] minLargest = new int[buckets];
    Arrays.fill(minFree, Integer.MAX_VALUE);
    Arrays.fill(minLargest, Integer.MAX_VALUE);
    for (int i = 0; i < n; i++) {
      int b = bucketOf(i, n, buckets);
      minFree[b] = Math.min(minFree[b], freeBlocks[i]);
      maxFree[b] = Math.max(maxFree[b], freeBlocks[i]);
      minLargest[b] = Math.min(minLargest[b], largestFreeBlocks[i]);
    }
    return new FreeTimeline(n, totalBlocks, minFree, maxFree, minLargest);
  }

  /** A timeline with nothing in it, for a frame drawn without the whole capture at hand. */
  public static FreeTimeline empty(int totalBlocks) {
    return new FreeTimeline(0, totalBlocks, new int[0], new int[0], new int[0]);
  }

  private static int bucketOf(long snapshot, long n, int buckets) {
    return (int) (snapshot * buckets / n);
  }

  public long snapshots() {
    return snapshots;
  }

  public int totalBlocks() {
    return totalBlocks;
  }

  public int buckets() {
    return minFree.length;
  }

  public int bucketOf(long snapshot) {
    return bucketOf(snapshot, snapshots, buckets());
  }

  public int minFree(int bucket) {
    return minFree[bucket];
  }

  public int maxFree(int bucket) {
    return maxFree[bucket];
  }

  public int minLargest(int bucket) {
    return minLargest[bucket];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FreeTimeline t
        && t.snapshots == snapshots
        && t.totalBlocks == totalBlocks
        && Arrays.equals(t.minFree, minFree)
        && Arrays.equals(t.maxFree, maxFree)
        && Arrays.equals(t.minLargest, minLargest);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(snapshots) * 31 + Arrays.hashCode(maxFree);
  }
}
