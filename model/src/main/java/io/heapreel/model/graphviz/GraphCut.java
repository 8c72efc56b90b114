package io.heapreel.model.graphviz;

import io.heapreel.model.error.CaptureException;
import io.heapreel.model.objects.HeapObject;
import io.heapreel.model.objects.ObjectSnapshot;
import io.heapreel.model.objects.Root;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The part of a snapshot's object graph to draw: the objects within {@code depth} references of
 * where the drawing starts (a root, every word of one symbol or of the stack, an allocation, or all
 * roots), and when they are more than {@code maxNodes}, the biggest retained subtrees first: the
 * dominator tree is opened from the top, always at the object that retains the most, so what is
 * left out is the small stuff, counted per object that retains it ({@link #elided}).
 *
 * @param objects indexes (into the snapshot's objects) of the objects drawn, in the order chosen
 * @param roots the roots drawn: those that point at a drawn object
 * @param start the allocations the drawing started from: the one {@code from} names, or with
 *     all roots the tops of the garbage (unreachable allocations nothing else unreachable holds)
 * @param elided per drawn object index, the objects it dominates that are left out: {count, blocks}
 */
public record GraphCut(List<Integer> objects, List<Root> roots, List<Integer> start, Map<Integer, Elided> elided) {
  public static final int UNLIMITED = Integer.MAX_VALUE;

  /** What a drawn object alone keeps alive that is not drawn. */
  public record Elided(long objects, long blocks) {}

  /** The elided map is kept as an unmodifiable copy, in the given map's iteration order. */
  public GraphCut {
    elided = Collections.unmodifiableMap(new LinkedHashMap<>(elided));
  }

  /**
   * @param from null (all roots), a root's name ({@code mp_state_ctx+104}), a symbol or
   *     {@code stack} (all its root words), or an address inside an allocation ({@code 0x20001230})
   * @throws CaptureException when {@code from} names nothing in the snapshot
   */
  public static GraphCut of(ObjectSnapshot s, String from, int depth, int maxNodes) {
    List<HeapObject> objects = s.objects();
    int n = objects.size();
    Map<Long, Integer> index = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      index.put(objects.get(i).address(), i);
    }
    List<Integer> start = new ArrayList<>();
    List<Root> fromRoots = new ArrayList<>();
    if (from == null) {
      fromRoots.addAll(s.roots());
      for (int i = 0; i < n; i++) {
        if (objects.get(i).dominator() == HeapObject.GARBAGE) {
          start.add(i);
        }
      }
    } else {
      Integer at = allocationAt(objects, from);
      if (at != null) {
        start.add(at);
      } else {
        for (Root r : s.roots()) {
          if (r.name().equals(from) || r.name().startsWith(from + "+")) {
            fromRoots.add(r);
          }
        }
        if (fromRoots.isEmpty()) {
          throw new CaptureException("--from " + from + ": snapshot " + s.snapshot()
              + " has no root of that name (a root like mp_state_ctx+104, a symbol, 'stack') and no allocation at that address");
        }
      }
    }
    int[] distance = new int[n];
    Arrays.fill(distance, -1);
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (Root r : fromRoots) {
      reach(r.target(), 0, distance, queue);
    }
    for (int i : start) {
      reach(i, 0, distance, queue);
    }
    while (!queue.isEmpty()) {
      int i = queue.poll();
      if (distance[i] >= depth) {
        continue;
      }
      for (HeapObject.Reference ref : objects.get(i).refs()) {
        Integer t = index.get(ref.target());
        if (t != null) {
          reach(t, distance[i] + 1, distance, queue);
        }
      }
    }
    List<Integer> chosen = choose(objects, index, distance, maxNodes);
    boolean[] drawn = new boolean[n];
    chosen.forEach(i -> drawn[i] = true);
    List<Root> roots = new ArrayList<>();
    for (Root r : s.roots()) {
      if (drawn[r.target()]) {
        roots.add(r);
      }
    }
    return new GraphCut(chosen, roots, from == null ? List.of() : start, elided(objects, index, drawn));
  }

  private static void reach(int i, int d, int[] distance, ArrayDeque<Integer> queue) {
    if (distance[i] < 0) {
      distance[i] = d;
      queue.add(i);
    }
  }

  /** The allocation whose blocks hold {@code from} (hex or decimal), or null when it is no address or none holds it. */
  private static Integer allocationAt(List<HeapObject> objects, String from) {
    long address;
    try {
      address = from.startsWith("0x") || from.startsWith("0X") ? Long.parseUnsignedLong(from.substring(2), 16) : Long.parseLong(from);
    } catch (NumberFormatException e) {
      return null;
    }
    int bytesPerBlock = bytesPerBlock(objects);
    for (int i = 0; i < objects.size(); i++) {
      HeapObject o = objects.get(i);
      if (address >= o.address() && address < o.address() + (long) o.blocks() * bytesPerBlock) {
        return i;
      }
    }
    return null;
  }

  /** The block size, from two allocations' addresses and block numbers (16 when it cannot be told). */
  private static int bytesPerBlock(List<HeapObject> objects) {
    for (int i = 1; i < objects.size(); i++) {
      HeapObject a = objects.get(i - 1);
      HeapObject b = objects.get(i);
      if (b.block() > a.block() && b.address() > a.address()) {
        return (int) ((b.address() - a.address()) / (b.block() - a.block()));
      }
    }
    return 16;
  }

  /**
   * The objects in reach, all of them when they fit; else the dominator tree opened from the top
   * (those in reach whose dominator is not), largest retained first.
   */
  private static List<Integer> choose(List<HeapObject> objects, Map<Long, Integer> index, int[] distance, int maxNodes) {
    List<Integer> inReach = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      if (distance[i] >= 0) {
        inReach.add(i);
      }
    }
    if (inReach.size() <= maxNodes) {
      return inReach;
    }
    List<List<Integer>> children = dominatorChildren(objects, index);
    Comparator<Integer> biggest = Comparator.<Integer>comparingLong(i -> objects.get(i).retainedBlocks()).reversed()
        .thenComparingLong(i -> objects.get(i).address());
    PriorityQueue<Integer> open = new PriorityQueue<>(biggest);
    for (int i : inReach) {
      Integer d = index.get(objects.get(i).dominator());
      if (d == null || distance[d] < 0) {
        open.add(i);
      }
    }
    List<Integer> chosen = new ArrayList<>();
    while (!open.isEmpty() && chosen.size() < maxNodes) {
      int i = open.poll();
      chosen.add(i);
      for (int c : children.get(i)) {
        if (distance[c] >= 0) {
          open.add(c);
        }
      }
    }
    return chosen;
  }

  private static List<List<Integer>> dominatorChildren(List<HeapObject> objects, Map<Long, Integer> index) {
    List<List<Integer>> children = new ArrayList<>(objects.size());
    for (int i = 0; i < objects.size(); i++) {
      children.add(new ArrayList<>());
    }
    for (int i = 0; i < objects.size(); i++) {
      Integer d = index.get(objects.get(i).dominator());
      if (d != null) {
        children.get(d).add(i);
      }
    }
    return children;
  }

  /**
   * For each drawn object, what it alone keeps alive that is not drawn: the subtrees of its
   * dominator-tree children left out, {objects, blocks}.
   */
  private static Map<Integer, Elided> elided(List<HeapObject> objects, Map<Long, Integer> index, boolean[] drawn) {
    List<List<Integer>> children = dominatorChildren(objects, index);
    long[] subtree = subtreeSizes(objects, index, children);
    Map<Integer, long[]> elided = new HashMap<>();
    for (int d = 0; d < objects.size(); d++) {
      if (!drawn[d]) {
        continue;
      }
      for (int c : children.get(d)) {
        if (!drawn[c]) {
          long[] e = elided.computeIfAbsent(d, k -> new long[2]);
          e[0] += subtree[c];
          e[1] += objects.get(c).retainedBlocks();
        }
      }
    }
    Map<Integer, Elided> out = new LinkedHashMap<>();
    elided.forEach((d, e) -> out.put(d, new Elided(e[0], e[1])));
    return out;
  }

  /** Objects in each dominator subtree: children before parents, from a breadth-first order of the tree. */
  private static long[] subtreeSizes(List<HeapObject> objects, Map<Long, Integer> index, List<List<Integer>> children) {
    int n = objects.size();
    int[] order = new int[n];
    int tail = 0;
    for (int i = 0; i < n; i++) {
      if (!index.containsKey(objects.get(i).dominator())) {
        order[tail++] = i;
      }
    }
    for (int head = 0; head < tail; head++) {
      for (int c : children.get(order[head])) {
        order[tail++] = c;
      }
    }
    long[] size = new long[n];
    for (int k = tail - 1; k >= 0; k--) {
      int i = order[k];
      size[i]++;
      Integer d = index.get(objects.get(i).dominator());
      if (d != null) {
        size[d] += size[i];
      }
    }
    return size;
  }
}
