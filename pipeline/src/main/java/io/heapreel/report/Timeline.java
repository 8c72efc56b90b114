package io.heapreel.report;

import java.util.Arrays;
import java.util.Objects;

/**
 * The per-snapshot heap figures reduced to at most {@code 2 * buckets} points for the chart: runs
 * of consecutive snapshots share a bucket, drawn as the bucket's minimum at its first snapshot and
 * its maximum at its last, so peaks and dips survive however long the capture. Short captures keep
 * every snapshot.
 *
 * @param x the snapshot number of each point
 * @param perBucket snapshots per bucket (1 when nothing was reduced)
 */
record Timeline(int[] x, int[] used, int[] free, int[] largestFree, double[] fragmentation, int perBucket) {

  /** Keeps private copies; the accessors hand out copies, and equality is by content. */
  Timeline {
    x = x.clone();
    used = used.clone();
    free = free.clone();
    largestFree = largestFree.clone();
    fragmentation = fragmentation.clone();
  }

  @Override
  public int[] x() {
    return x.clone();
  }

  @Override
  public int[] used() {
    return used.clone();
  }

  @Override
  public int[] free() {
    return free.clone();
  }

  @Override
  public int[] largestFree() {
    return largestFree.clone();
  }

  @Override
  public double[] fragmentation() {
    return fragmentation.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o == this
        || o instanceof Timeline t
            && perBucket == t.perBucket
            && Arrays.equals(x, t.x)
            && Arrays.equals(used, t.used)
            && Arrays.equals(free, t.free)
            && Arrays.equals(largestFree, t.largestFree)
            && Arrays.equals(fragmentation, t.fragmentation);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(x), Arrays.hashCode(used), Arrays.hashCode(free), Arrays.hashCode(largestFree), Arrays.hashCode(fragmentation), perBucket);
  }

  @Override
  public String toString() {
    return "Timeline[x=" + Arrays.toString(x) + ", used=" + Arrays.toString(used) + ", free=" + Arrays.toString(free) + ", largestFree="
        + Arrays.toString(largestFree) + ", fragmentation=" + Arrays.toString(fragmentation) + ", perBucket=" + perBucket + "]";
  }

  static Timeline of(int[] snapshot, int[] used, int[] free, int[] largestFree, double[] fragmentation, int buckets) {
    int n = snapshot.length;
    if (n <= 2 * buckets) {
      return new Timeline(snapshot, used, free, largestFree, fragmentation, 1);
    }
    int per = (n + buckets - 1) / buckets;
    int count = (n + per - 1) / per;
    int[] x = new int[2 * count];
    int[] u = new int[2 * count];
    int[] f = new int[2 * count];
    int[] l = new int[2 * count];
    double[] g = new double[2 * count];
    for (int b = 0; b < count; b++) {
      int from = b * per;
      int to = Math.min(n, from + per);
      x[2 * b] = snapshot[from];
      x[2 * b + 1] = snapshot[to - 1];
      minMax(used, from, to, u, b);
      minMax(free, from, to, f, b);
      minMax(largestFree, from, to, l, b);
      double lo = Double.MAX_VALUE;
      double hi = -Double.MAX_VALUE;
      for (int i = from; i < to; i++) {
        lo = Math.min(lo, fragmentation[i]);
        hi = Math.max(hi, fragmentation[i]);
      }
      g[2 * b] = lo;
      g[2 * b + 1] = hi;
    }
    return new Timeline(x, u, f, l, g, per);
  }

  private static void minMax(int[] values, int from, int to, int[] out, int bucket) {
    int lo = Integer.MAX_VALUE;
    int hi = Integer.MIN_VALUE;
    for (int i = from; i < to; i++) {
      lo = Math.min(lo, values[i]);
      hi = Math.max(hi, values[i]);
    }
    out[2 * bucket] = lo;
    out[2 * bucket + 1] = hi;
  }
}
