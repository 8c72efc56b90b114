package io.heapreel.model.graph;

import java.util.Arrays;

/**
 * The dominator tree of a directed graph from one entry node, by Lengauer and Tarjan's
 * semi-dominators (the simple version, path compression without balancing) with the immediate
 * dominators resolved as in Semi-NCA: O(m log n), iterative throughout, so a chain of a million
 * nodes needs no deep stack.
 *
 * <p>The graph comes as adjacency arrays: the successors of node {@code v} are
 * {@code targets[starts[v]] .. targets[starts[v + 1] - 1]}.
 */
public final class DominatorTree {
  /** {@link #dominator} of the entry itself and of nodes the entry does not reach. */
  public static final int NONE = -1;

  private final int[] dominator;
  /** Nodes in the depth-first preorder from the entry; a node's dominator comes before it. */
  private final int[] preorder;

  private DominatorTree(int[] dominator, int[] preorder) {
    this.dominator = dominator;
    this.preorder = preorder;
  }

  public static DominatorTree of(int[] starts, int[] targets, int entry) {
    int n = starts.length - 1;
    // depth-first numbering: number[v] is v's preorder number, vertex[k] the node numbered k
    int[] number = new int[n];
    Arrays.fill(number, -1);
    int[] vertex = new int[n];
    int[] parent = new int[n];
    int reached = depthFirst(starts, targets, entry, number, vertex, parent);
    int[][] preds = predecessors(starts, targets, number, vertex, reached);
    int[] semi = new int[reached];
    int[] label = new int[reached];
    int[] ancestor = new int[reached];
    int[] path = new int[reached];
    for (int k = 0; k < reached; k++) {
      semi[k] = k;
      label[k] = k;
      ancestor[k] = -1;
    }
    for (int w = reached - 1; w > 0; w--) {
      for (int v : preds[w]) {
        int u = eval(v, ancestor, label, semi, path);
        if (semi[u] < semi[w]) {
          semi[w] = semi[u];
        }
      }
      ancestor[w] = parent[w];
    }
    int[] idom = new int[reached];
    for (int w = 1; w < reached; w++) {
      int d = parent[w];
      while (d > semi[w]) {
        d = idom[d];
      }
      idom[w] = d;
    }
    int[] dominator = new int[n];
    Arrays.fill(dominator, NONE);
    for (int w = 1; w < reached; w++) {
      dominator[vertex[w]] = vertex[idom[w]];
    }
    return new DominatorTree(dominator, Arrays.copyOf(vertex, reached));
  }

  /** Numbers the nodes the entry reaches in depth-first preorder; returns how many. */
  private static int depthFirst(int[] starts, int[] targets, int entry, int[] number, int[] vertex, int[] parent) {
    int n = number.length;
    int[] stack = new int[n];
    int[] cursor = new int[n];
    int top = 0;
    int count = 0;
    number[entry] = count;
    vertex[count] = entry;
    parent[count++] = -1;
    stack[top] = entry;
    cursor[top++] = starts[entry];
    while (top > 0) {
      int v = stack[top - 1];
      int k = cursor[top - 1];
      if (k == starts[v + 1]) {
        top--;
        continue;
      }
      cursor[top - 1] = k + 1;
      int t = targets[k];
      if (number[t] < 0) {
        number[t] = count;
        vertex[count] = t;
        parent[count++] = number[v];
        stack[top] = t;
        cursor[top++] = starts[t];
      }
    }
    return count;
  }

  /** Predecessors of each reached node, in preorder numbers, from reached nodes only. */
  private static int[][] predecessors(int[] starts, int[] targets, int[] number, int[] vertex, int reached) {
    int[] counts = new int[reached];
    for (int k = 0; k < reached; k++) {
      int v = vertex[k];
      for (int e = starts[v]; e < starts[v + 1]; e++) {
        counts[number[targets[e]]]++;
      }
    }
    int[][] preds = new int[reached][];
    for (int k = 0; k < reached; k++) {
      preds[k] = new int[counts[k]];
      counts[k] = 0;
    }
    for (int k = 0; k < reached; k++) {
      int v = vertex[k];
      for (int e = starts[v]; e < starts[v + 1]; e++) {
        int t = number[targets[e]];
        preds[t][counts[t]++] = k;
      }
    }
    return preds;
  }

  /**
   * The node of least semi-dominator on the forest path from {@code v} up to (not including) the
   * root of its tree, compressing the path on the way.
   */
  private static int eval(int v, int[] ancestor, int[] label, int[] semi, int[] path) {
    if (ancestor[v] < 0) {
      return v;
    }
    int depth = 0;
    for (int x = v; ancestor[ancestor[x]] >= 0; x = ancestor[x]) {
      path[depth++] = x;
    }
    while (depth > 0) {
      int x = path[--depth];
      int a = ancestor[x];
      if (semi[label[a]] < semi[label[x]]) {
        label[x] = label[a];
      }
      ancestor[x] = ancestor[a];
    }
    return label[v];
  }

  /** The immediate dominator of {@code node}, or {@link #NONE} for the entry and unreached nodes. */
  public int dominator(int node) {
    return dominator[node];
  }

  public boolean reached(int node) {
    return preorder.length > 0 && (dominator[node] != NONE || preorder[0] == node);
  }

  /**
   * The sum of {@code self} over each node's dominator subtree: what would no longer be reachable
   * from the entry without that node. Unreached nodes get 0.
   */
  public long[] retained(long[] self) {
    long[] retained = new long[dominator.length];
    for (int v : preorder) {
      retained[v] = self[v];
    }
    for (int k = preorder.length - 1; k > 0; k--) {
      int v = preorder[k];
      retained[dominator[v]] += retained[v];
    }
    return retained;
  }
}
