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
    Builder b = new Builder(freeBlocks.length, totalBlocks);
    for (int i = 0; i < freeBlocks.length; i++) {
      b.add(i, freeBlocks[i], largestFreeBlocks[i]);
    }
    return b.build();
  }

  /**
   * Collects the timeline snapshot by snapshot in any order, and merges with other builders of the
   * same capture: what a combiner over a parallel decode needs. Holds only the buckets.
   */
  public static final class Builder implements Serializable {
    private static final long serialVersionUID = 1L;
    private final long snapshots;
    private final int totalBlocks;
    private final int[] minFree;
    private final int[] maxFree;
    private final int[] minLargest;

    public Builder(long snapshots, int totalBlocks) {
      this.snapshots = snapshots;
      this.totalBlocks = totalBlocks;
      int buckets = (int) Math.min(snapshots, MAX_BUCKETS);
      minFree = new int[buckets];
      maxFree = new int[buckets];
      minLargest = new int[buckets];
      Arrays.fill(minFree, Integer.MAX_VALUE);
      Arrays.fill(minLargest, Integer.MAX_VALUE);
    }

    public Builder add(long snapshot, int freeBlocks, int largestFreeBlocks) {
      int b = bucketOf(snapshot, snapshots, minFree.length);
      minFree[b] = Math.min(minFree[b], freeBlocks);
      maxFree[b] = Math.max(maxFree[b], freeBlocks);
      minLargest[b] = Math.min(minLargest[b], largestFreeBlocks);
      return this;
    }

    public Builder merge(Builder other) {
      if (other.snapshots != snapshots) {
        throw new IllegalArgumentException("timelines of " + snapshots + " and " + other.snapshots + " snapshots");
      }
      for (int b = 0; b < minFree.length; b++) {
        minFree[b] = Math.min(minFree[b], other.minFree[b]);
        maxFree[b] = Math.max(maxFree[b], other.maxFree[b]);
        minLargest[b] = Math.min(minLargest[b], other.minLargest[b]);
      }
      return this;
    }

    /** Equal when they would build equal timelines (Beam checks coders against equals). */
    @Override
    public boolean equals(Object o) {
      return o instanceof Builder b && b.build().equals(build());
    }

    @Override
    public int hashCode() {
      return build().hashCode();
    }

    public FreeTimeline build() {
      return new FreeTimeline(snapshots, totalBlocks, minFree.clone(), maxFree.clone(), minLargest.clone());
    }
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
