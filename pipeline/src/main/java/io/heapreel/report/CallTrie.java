package io.heapreel.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Backtraces merged into one tree, outermost frame at the top (node 0 is the root, "all"). A parent
 * always has a smaller id than its children, so totals roll up in one pass from the last node back.
 */
final class CallTrie {
  private final Dictionary frames = new Dictionary();
  private final IntColumn parent = new IntColumn();
  private final IntColumn frame = new IntColumn();
  private final Map<Long, Integer> children = new HashMap<>();

  CallTrie() {
    parent.add(-1);
    frame.add(frames.id("all"));
  }

  /** The number of a frame's name, for {@link #add(int[])}. */
  int frameId(String name) {
    return frames.id(name);
  }

  /** The node of this trace, outermost frame first; the root for an empty trace. */
  int add(List<String> outermostFirst) {
    return add(outermostFirst.stream().mapToInt(frames::id).toArray());
  }

  /** The node of this trace of frame numbers ({@link #frameId}), outermost first. */
  int add(int[] outermostFirst) {
    int node = 0;
    for (int fid : outermostFirst) {
      long key = ((long) node << 32) | fid;
      Integer child = children.get(key);
      if (child == null) {
        child = parent.size();
        parent.add(node);
        frame.add(fid);
        children.put(key, child);
      }
      node = child;
    }
    return node;
  }

  /**
   * Adds a node under {@code parent} (which must exist) for a frame not yet among its children, as
   * the {@code call_tree} table lists them in node order; returns its number.
   */
  int addChild(int parent, String name) {
    int fid = frames.id(name);
    long key = ((long) parent << 32) | fid;
    if (parent < 0 || parent >= this.parent.size() || children.containsKey(key)) {
      throw new IllegalArgumentException("no new child of node " + parent + ": " + name);
    }
    int child = this.parent.size();
    this.parent.add(parent);
    frame.add(fid);
    children.put(key, child);
    return child;
  }

  int nodes() {
    return parent.size();
  }

  int parent(int node) {
    return parent.get(node);
  }

  String frame(int node) {
    return frames.name(frame.get(node));
  }

  int[] parents() {
    return parent.toArray();
  }

  int[] frameIds() {
    return frame.toArray();
  }

  List<String> frameNames() {
    return frames.names();
  }

  /** Each node's own value plus its descendants'; {@code own} is indexed by node. */
  long[] totals(long[] own) {
    long[] total = own.clone();
    for (int n = total.length - 1; n > 0; n--) {
      total[parent.get(n)] += total[n];
    }
    return total;
  }
}
