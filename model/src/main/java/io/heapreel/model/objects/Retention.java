package io.heapreel.model.objects;

import io.heapreel.model.graph.DominatorTree;
import java.util.Arrays;

/**
 * Who keeps what alive in one snapshot: the dominator tree of the reference graph with every root
 * word under one super-root, and each allocation's retained blocks (its own and those of the
 * allocations only it keeps reachable: what the collector would free if it went).
 *
 * <p>Allocations no root reaches sit under a second entry, as in the DevTools export's
 * {@code (unreachable)} node: first those no allocation points to, then, for cycles, the lowest
 * index not reached yet, again and again. So garbage too tells what holds what.
 */
public final class Retention {
  /** {@link #dominator} of an allocation that only the roots, together, keep: the super-root. */
  public static final int ROOTS = -1;
  /** {@link #dominator} of an unreachable allocation at the top of the garbage. */
  public static final int GARBAGE = -2;

  private final int[] dominator;
  private final long[] retainedBlocks;

  private Retention(int[] dominator, long[] retainedBlocks) {
    this.dominator = dominator;
    this.retainedBlocks = retainedBlocks;
  }

  public static Retention of(HeapIndex heap, ReferenceGraph graph) {
    int n = heap.size();
    int superRoot = n;
    int garbage = n + 1;
    int[] garbageEntries = garbageEntries(n, graph);
    int refs = graph.references();
    // allocations 0..n-1, then the super-root and the garbage entry
    int[] starts = new int[n + 3];
    int[] targets = new int[refs + graph.roots() + 1 + garbageEntries.length];
    for (int i = 0; i <= n; i++) {
      starts[i] = graph.refsFrom(i);
    }
    for (int k = 0; k < refs; k++) {
      targets[k] = graph.refTarget(k);
    }
    int at = refs;
    for (int r = 0; r < graph.roots(); r++) {
      targets[at++] = graph.rootTarget(r);
    }
    targets[at++] = garbage;
    starts[garbage] = at;
    for (int e : garbageEntries) {
      targets[at++] = e;
    }
    starts[garbage + 1] = at;

    DominatorTree tree = DominatorTree.of(starts, targets, superRoot);
    long[] self = new long[n + 2];
    for (int i = 0; i < n; i++) {
      self[i] = heap.get(i).blocks();
    }
    long[] retained = tree.retained(self);
    int[] dominator = new int[n];
    for (int i = 0; i < n; i++) {
      int d = tree.dominator(i);
      dominator[i] = d == superRoot ? ROOTS : d == garbage ? GARBAGE : d;
    }
    return new Retention(dominator, Arrays.copyOf(retained, n));
  }

  /** The garbage's entries: unreachable allocations nothing points to, then one per cycle left. */
  static int[] garbageEntries(int n, ReferenceGraph graph) {
    boolean[] referenced = new boolean[n];
    for (int k = 0; k < graph.references(); k++) {
      referenced[graph.refTarget(k)] = true;
    }
    boolean[] seen = new boolean[n];
    int[] queue = new int[n];
    int[] entries = new int[n];
    int count = 0;
    int tail = 0;
    for (int i = 0; i < n; i++) {
      if (!graph.reachable(i) && !referenced[i]) {
        entries[count++] = i;
        seen[i] = true;
        queue[tail++] = i;
      }
    }
    int head = 0;
    for (int next = 0; ; next++) {
      while (head < tail) {
        int v = queue[head++];
        for (int k = graph.refsFrom(v); k < graph.refsFrom(v + 1); k++) {
          int t = graph.refTarget(k);
          if (!seen[t]) {
            seen[t] = true;
            queue[tail++] = t;
          }
        }
      }
      while (next < n && (graph.reachable(next) || seen[next])) {
        next++;
      }
      if (next == n) {
        return Arrays.copyOf(entries, count);
      }
      entries[count++] = next;
      seen[next] = true;
      queue[tail++] = next;
    }
  }

  /**
   * The allocation index that immediately dominates allocation {@code i}: every path from the roots
   * to it passes there. {@link #ROOTS} when only the roots do, {@link #GARBAGE} for an unreachable
   * allocation at the top of the garbage.
   */
  public int dominator(int i) {
    return dominator[i];
  }

  /** Blocks freed if allocation {@code i} went: its own and those of everything it dominates. */
  public long retainedBlocks(int i) {
    return retainedBlocks[i];
  }
}
