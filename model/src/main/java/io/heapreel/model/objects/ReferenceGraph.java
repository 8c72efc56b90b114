package io.heapreel.model.objects;

import io.heapreel.model.capture.Memory;
import io.heapreel.model.heap.HeapArea;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The pointer graph of one snapshot as the collector sees it: every word of every allocation (all
 * its blocks) that lies in a pool, is aligned to the block size and hits a HEAD or MARK block is a
 * reference; every such word in RAM outside the pools and their tables is a root. Reachability is
 * taken from the roots.
 */
public final class ReferenceGraph {
  private final int[] refStart;
  private final int[] refOffset;
  private final int[] refTarget;
  private final long[] rootAddress;
  private final int[] rootTarget;
  private final boolean[] reachable;

  private ReferenceGraph(int[] refStart, int[] refOffset, int[] refTarget, long[] rootAddress, int[] rootTarget, boolean[] reachable) {
    this.refStart = refStart;
    this.refOffset = refOffset;
    this.refTarget = refTarget;
    this.rootAddress = rootAddress;
    this.rootTarget = rootTarget;
    this.reachable = reachable;
  }

  /** Scans the allocations and RAM [ramStart, ramEnd) of the snapshot. */
  public static ReferenceGraph build(HeapIndex heap, Memory ram, long ramStart, long ramEnd, int wordSize) {
    int n = heap.size();
    int[] start = new int[n + 1];
    IntList offsets = new IntList();
    IntList targets = new IntList();
    for (int i = 0; i < n; i++) {
      start[i] = targets.size;
      long address = heap.get(i).address();
      long bytes = heap.bytesOf(i);
      for (long off = 0; off + wordSize <= bytes; off += wordSize) {
        if (!ram.contains(address + off, wordSize)) {
          break;
        }
        int t = heap.headAt(ram.word(address + off, wordSize));
        if (t >= 0) {
          offsets.add((int) off);
          targets.add(t);
        }
      }
    }
    start[n] = targets.size;
    LongList rootAt = new LongList();
    IntList rootTo = new IntList();
    long from = (ramStart + wordSize - 1) / wordSize * wordSize;
    for (long[] gap : gaps(heap, wordSize)) {
      scanRoots(heap, ram, from, Math.min(gap[0], ramEnd), wordSize, rootAt, rootTo);
      from = Math.max(from, gap[1]);
    }
    scanRoots(heap, ram, from, ramEnd, wordSize, rootAt, rootTo);
    int[] offs = offsets.toArray();
    int[] tos = targets.toArray();
    int[] roots = rootTo.toArray();
    return new ReferenceGraph(start, offs, tos, rootAt.toArray(), roots, reach(n, start, tos, roots));
  }

  /** Words in [from, to) that point at an allocation. */
  private static void scanRoots(HeapIndex heap, Memory ram, long from, long to, int wordSize, LongList rootAt, IntList rootTo) {
    for (long a = from; a + wordSize <= to; a += wordSize) {
      if (!ram.contains(a, wordSize)) {
        continue;
      }
      int t = heap.headAt(ram.word(a, wordSize));
      if (t >= 0) {
        rootAt.add(a);
        rootTo.add(t);
      }
    }
  }

  /**
   * The pools and the allocation and finaliser tables, as [start, end) rounded out to whole words,
   * in address order: not roots.
   */
  private static List<long[]> gaps(HeapIndex heap, int wordSize) {
    List<long[]> gaps = new ArrayList<>();
    for (HeapArea area : heap.areas()) {
      gaps.add(new long[] {area.poolStart(), area.poolEnd()});
      gaps.add(new long[] {area.atbStart(), area.atbStart() + area.atbBytes()});
      if (area.hasFinaliser()) {
        gaps.add(new long[] {area.ftbStart(), area.ftbStart() + area.ftbBytes()});
      }
    }
    for (long[] g : gaps) {
      g[0] = g[0] / wordSize * wordSize;
      g[1] = (g[1] + wordSize - 1) / wordSize * wordSize;
    }
    gaps.sort(Comparator.comparingLong(g -> g[0]));
    return gaps;
  }

  private static boolean[] reach(int n, int[] start, int[] targets, int[] roots) {
    boolean[] seen = new boolean[n];
    int[] queue = new int[n];
    int head = 0;
    int tail = 0;
    for (int r : roots) {
      if (!seen[r]) {
        seen[r] = true;
        queue[tail++] = r;
      }
    }
    while (head < tail) {
      int i = queue[head++];
      for (int k = start[i]; k < start[i + 1]; k++) {
        int t = targets[k];
        if (!seen[t]) {
          seen[t] = true;
          queue[tail++] = t;
        }
      }
    }
    return seen;
  }

  public int references() {
    return refTarget.length;
  }

  /** Index range [refsFrom(i), refsFrom(i + 1)) of allocation i's references. */
  public int refsFrom(int allocation) {
    return refStart[allocation];
  }

  public int refOffset(int k) {
    return refOffset[k];
  }

  public int refTarget(int k) {
    return refTarget[k];
  }

  public int roots() {
    return rootTarget.length;
  }

  public long rootAddress(int r) {
    return rootAddress[r];
  }

  public int rootTarget(int r) {
    return rootTarget[r];
  }

  public boolean reachable(int allocation) {
    return reachable[allocation];
  }

  public int unreachable() {
    int n = 0;
    for (boolean r : reachable) {
      if (!r) {
        n++;
      }
    }
    return n;
  }

  private static final class IntList {
    int[] values = new int[256];
    int size;

    void add(int v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    int[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }

  private static final class LongList {
    long[] values = new long[64];
    int size;

    void add(long v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    long[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
