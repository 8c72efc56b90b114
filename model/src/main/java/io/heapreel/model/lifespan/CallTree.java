package io.heapreel.model.lifespan;

import io.heapreel.model.gclog.Frame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Blocks alive at one moment, summed along their allocation traces from the outermost caller
 * down: gc_activity.py's call tree. Nodes are keyed by frame location ({@code file:line}) and
 * printed in sorted order.
 */
public final class CallTree {
  private final Map<String, Node> roots = new TreeMap<>();
  private final boolean foldAllocator;

  private static final class Node {
    final String function;
    long blocks;
    final Map<String, Node> children = new TreeMap<>();

    Node(String function) {
      this.function = function;
    }
  }

  /** {@code foldAllocator}: stop each trace at its allocation site (leave out the allocator's frames: gc.c, malloc.c, mp_obj_malloc_*_helper). */
  public CallTree(boolean foldAllocator) {
    this.foldAllocator = foldAllocator;
  }

  /** The tree of the lifespans alive after {@code event} (or at the end when event is null). */
  public static CallTree of(List<Lifespan> lifespans, Long event, boolean foldAllocator) {
    CallTree tree = new CallTree(foldAllocator);
    for (Lifespan l : lifespans) {
      if (event == null ? l.alive() : l.aliveAfter(event)) {
        tree.add(l);
      }
    }
    return tree;
  }

  public void add(Lifespan lifespan) {
    List<Frame> trace = lifespan.startTrace();
    int innermost = foldAllocator && lifespan.site() >= 0 ? lifespan.site() : 0;
    Map<String, Node> level = roots;
    for (int i = trace.size() - 1; i >= innermost; i--) {
      Frame f = trace.get(i);
      Node node = level.computeIfAbsent(f.location(), k -> new Node(f.function()));
      node.blocks += lifespan.blocks();
      level = node.children;
    }
  }

  public long totalBlocks() {
    return roots.values().stream().mapToLong(n -> n.blocks).sum();
  }

  /** gc_activity.py's layout: one line per frame, indented by depth, then {@code N total blocks}. */
  public void print(Appendable out) {
    try {
      print(roots, 0, out);
      out.append(Long.toString(totalBlocks())).append(" total blocks\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void print(Map<String, Node> level, int indent, Appendable out) throws IOException {
    for (Map.Entry<String, Node> e : level.entrySet()) {
      Node n = e.getValue();
      if (n.blocks == 0) {
        continue;
      }
      out.append(" ".repeat(Math.max(indent, 1))).append(e.getKey()).append(' ').append(n.function)
          .append(' ').append(Long.toString(n.blocks)).append(" blocks\n");
      print(n.children, indent + 2, out);
    }
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    print(b);
    return b.toString();
  }
}
