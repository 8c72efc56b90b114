package io.heapreel.model.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Dominators and retained sizes against the definition, computed the slow way: remove a node and
 * see what the entry no longer reaches.
 */
class DominatorTreeTest {

  /** Adjacency lists to the arrays the tree takes. */
  private record Graph(int[] starts, int[] targets) {
    static Graph of(List<List<Integer>> adjacency) {
      int[] starts = new int[adjacency.size() + 1];
      List<Integer> targets = new ArrayList<>();
      for (int v = 0; v < adjacency.size(); v++) {
        starts[v] = targets.size();
        targets.addAll(adjacency.get(v));
      }
      starts[adjacency.size()] = targets.size();
      return new Graph(starts, targets.stream().mapToInt(Integer::intValue).toArray());
    }

    int size() {
      return starts.length - 1;
    }

    /** Nodes reached from the entry without passing through {@code removed} (-1: none removed). */
    boolean[] reach(int entry, int removed) {
      boolean[] seen = new boolean[size()];
      if (entry == removed) {
        return seen;
      }
      List<Integer> stack = new ArrayList<>(List.of(entry));
      seen[entry] = true;
      while (!stack.isEmpty()) {
        int v = stack.remove(stack.size() - 1);
        for (int k = starts[v]; k < starts[v + 1]; k++) {
          int t = targets[k];
          if (t != removed && !seen[t]) {
            seen[t] = true;
            stack.add(t);
          }
        }
      }
      return seen;
    }
  }

  /** What the definition says: dominated[x][y] when every path from the entry to y passes x. */
  private static boolean[][] dominatedBy(Graph g, int entry) {
    boolean[] all = g.reach(entry, -1);
    boolean[][] dominated = new boolean[g.size()][];
    for (int x = 0; x < g.size(); x++) {
      boolean[] without = g.reach(entry, x);
      dominated[x] = new boolean[g.size()];
      for (int y = 0; y < g.size(); y++) {
        dominated[x][y] = all[x] && all[y] && !without[y];
      }
    }
    return dominated;
  }

  private static void assertMatchesDefinition(Graph g, int entry, long[] self) {
    DominatorTree tree = DominatorTree.of(g.starts(), g.targets(), entry);
    boolean[] all = g.reach(entry, -1);
    boolean[][] dominated = dominatedBy(g, entry);
    long[] retained = tree.retained(self);
    for (int y = 0; y < g.size(); y++) {
      assertThat(tree.reached(y)).as("node %d reached", y).isEqualTo(all[y]);
      long expected = 0;
      for (int z = 0; z < g.size(); z++) {
        expected += dominated[y][z] ? self[z] : 0;
      }
      assertThat(retained[y]).as("retained size of node %d", y).isEqualTo(expected);
      if (y == entry || !all[y]) {
        assertThat(tree.dominator(y)).isEqualTo(DominatorTree.NONE);
        continue;
      }
      // the immediate dominator: the strict dominator that dominates the fewest nodes
      int idom = -1;
      int idomSize = Integer.MAX_VALUE;
      for (int x = 0; x < g.size(); x++) {
        if (x != y && dominated[x][y]) {
          int size = 0;
          for (boolean d : dominated[x]) {
            size += d ? 1 : 0;
          }
          if (size < idomSize) {
            idom = x;
            idomSize = size;
          }
        }
      }
      assertThat(tree.dominator(y)).as("immediate dominator of node %d", y).isEqualTo(idom);
    }
  }

  private static Graph random(Random random, int n, double edgesPerNode) {
    List<List<Integer>> adjacency = new ArrayList<>();
    for (int v = 0; v < n; v++) {
      adjacency.add(new ArrayList<>());
    }
    int edges = (int) Math.round(n * edgesPerNode);
    for (int e = 0; e < edges; e++) {
      // self loops and repeated edges included: heaps have both
      adjacency.get(random.nextInt(n)).add(random.nextInt(n));
    }
    return Graph.of(adjacency);
  }

  @Test
  void randomGraphsMatchTheDefinition() {
    Random random = new Random(17);
    for (int round = 0; round < 400; round++) {
      int n = 1 + random.nextInt(40);
      Graph g = random(random, n, 0.5 + random.nextDouble() * 3);
      long[] self = random.longs(n, 1, 50).toArray();
      assertMatchesDefinition(g, random.nextInt(n), self);
    }
  }

  @Test
  void treesChainsAndDenseGraphsMatchTheDefinition() {
    Random random = new Random(4);
    for (int round = 0; round < 30; round++) {
      int n = 2 + random.nextInt(60);
      List<List<Integer>> adjacency = new ArrayList<>();
      for (int v = 0; v < n; v++) {
        adjacency.add(new ArrayList<>());
      }
      for (int v = 1; v < n; v++) {
        // a random tree from 0, plus a few edges back up and across
        adjacency.get(random.nextInt(v)).add(v);
        if (random.nextInt(4) == 0) {
          adjacency.get(v).add(random.nextInt(n));
        }
      }
      assertMatchesDefinition(Graph.of(adjacency), 0, random.longs(n, 1, 9).toArray());
      assertMatchesDefinition(random(random, n, 8), 0, random.longs(n, 1, 9).toArray());
    }
  }

  @Test
  void lengauerAndTarjansExample() {
    // the flow graph of Lengauer and Tarjan's paper (1979), figure 1, with its dominator tree
    String names = "RABCDEFGHIJKL";
    String[] edges = {"RA", "RB", "RC", "AD", "BA", "BD", "BE", "CF", "CG", "DL", "EH", "FI", "GI", "GJ", "HE", "HK",
        "IK", "JI", "KI", "KR", "LH"};
    List<List<Integer>> adjacency = new ArrayList<>();
    for (int v = 0; v < names.length(); v++) {
      adjacency.add(new ArrayList<>());
    }
    for (String e : edges) {
      adjacency.get(names.indexOf(e.charAt(0))).add(names.indexOf(e.charAt(1)));
    }
    DominatorTree tree = DominatorTree.of(Graph.of(adjacency).starts(), Graph.of(adjacency).targets(), 0);
    StringBuilder idoms = new StringBuilder();
    for (int v = 1; v < names.length(); v++) {
      idoms.append(names.charAt(v)).append(names.charAt(tree.dominator(v))).append(' ');
    }
    assertThat(idoms.toString().strip()).isEqualTo("AR BR CR DR ER FC GC HR IR JG KR LD");
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS) // a quadratic algorithm would take hours here
  void aLongChainNeedsNoDeepStack() {
    int n = 1_000_000;
    int[] starts = new int[n + 1];
    int[] targets = new int[n - 1];
    for (int v = 0; v < n; v++) {
      starts[v] = Math.min(v, n - 1);
      if (v < n - 1) {
        targets[v] = v + 1;
      }
    }
    starts[n] = n - 1;
    DominatorTree tree = DominatorTree.of(starts, targets, 0);
    long[] self = new long[n];
    java.util.Arrays.fill(self, 1);
    assertThat(tree.retained(self)[0]).isEqualTo(n);
    assertThat(tree.dominator(n - 1)).isEqualTo(n - 2);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed figure
  void aHundredThousandObjectsMatchTheDefinitionAtSampledNodes() {
    Random random = new Random(100_000);
    int n = 100_000;
    Graph g = random(random, n, 4);
    long[] self = random.longs(n, 1, 20).toArray();
    DominatorTree tree = DominatorTree.of(g.starts(), g.targets(), 0);
    long[] retained = tree.retained(self);
    boolean[] all = g.reach(0, -1);
    for (int sample = 0; sample < 40; sample++) {
      int y = sample == 0 ? 0 : random.nextInt(n);
      boolean[] without = g.reach(0, y);
      long expected = 0;
      for (int z = 0; z < n; z++) {
        expected += all[y] && all[z] && !without[z] ? self[z] : 0;
      }
      assertThat(tree.reached(y)).as("node %d reached", y).isEqualTo(all[y]);
      assertThat(retained[y]).as("retained size of node %d", y).isEqualTo(expected);
    }
  }
}
