package io.heapreel.model.export;

import io.heapreel.model.capture.Memory;
import io.heapreel.model.capture.RamSpan;
import io.heapreel.model.capture.SymbolTable;
import io.heapreel.model.heap.Allocation;
import io.heapreel.model.heap.HeapLocation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;

/**
 * Turns the allocations of one snapshot into the graph DevTools shows. Node 0 is the synthetic
 * root; its children are one synthetic node per root word of {@code mp_state_ctx} that points
 * into the heap (named by symbol, {@code mp_state_ctx+104}), one {@code stack} node, and one
 * {@code (unreachable)} node holding the allocations no root reaches (garbage the next
 * collection frees; DevTools would otherwise report them as a broken snapshot). Then one node per
 * allocation, its self size the bytes of its blocks, with an edge for every word that points into
 * another allocation's head block, exactly the words the collector follows.
 */
public final class SnapshotGraphMapper {
  /** Node ids below 2 * this are the synthetic nodes'; allocations' ids come after. */
  static final long SYNTHETIC_KEYS = 1 << 16;
  static final String UNREACHABLE = "(unreachable)";

  private final HeapLocation location;
  private final SymbolTable symbols;
  private final RamSpan ram;
  private final int wordSize;
  private final RootLayout roots;

  public SnapshotGraphMapper(HeapLocation location, SymbolTable symbols, RamSpan ram, int wordSize, RootLayout roots) {
    this.location = location;
    this.symbols = symbols;
    this.ram = ram;
    this.wordSize = wordSize;
    this.roots = roots;
  }

  public HeapGraph map(Memory snapshot, List<Allocation> allocations, AllocationIds ids, AllocationSites sites) {
    HeapHeads heads = new HeapHeads(location, allocations);
    ObjectNaming naming = new ObjectNaming(snapshot, wordSize, allocations, heads);
    List<List<GraphEdge>> rootEdges = new ArrayList<>();
    List<String> rootNames = new ArrayList<>();
    BitSet reached = new BitSet(allocations.size());
    Deque<Integer> pending = new ArrayDeque<>();
    for (RootRegion region : roots.regions(symbols, snapshot, ram, wordSize)) {
      List<GraphEdge> regionEdges = new ArrayList<>();
      for (long at = region.start(); at + wordSize <= region.end(); at += wordSize) {
        int target = snapshot.contains(at, wordSize) ? heads.allocationAt(snapshot.word(at, wordSize)) : -1;
        if (target < 0) {
          continue;
        }
        regionEdges.add(GraphEdge.named(EdgeType.INTERNAL, "0x" + Long.toHexString(at), target));
        visit(target, reached, pending);
        if (region.perWord()) {
          rootNames.add(symbols.describe(at).orElse("0x" + Long.toHexString(at)));
          rootEdges.add(regionEdges);
          regionEdges = new ArrayList<>();
        }
      }
      if (!region.perWord() && !regionEdges.isEmpty()) {
        rootNames.add(region.name());
        rootEdges.add(regionEdges);
      }
    }
    List<List<GraphEdge>> objectEdges = new ArrayList<>(allocations.size());
    for (Allocation a : allocations) {
      objectEdges.add(references(snapshot, a, heads));
    }
    reach(objectEdges, reached, pending);
    List<GraphEdge> unreachable = unreachable(objectEdges, reached, pending);

    int base = 1 + rootNames.size() + 1;
    List<GraphNode> nodes = new ArrayList<>(base + allocations.size());
    List<GraphEdge> top = new ArrayList<>();
    for (int r = 0; r < rootNames.size(); r++) {
      top.add(GraphEdge.named(EdgeType.INTERNAL, rootNames.get(r), 1 + r));
    }
    top.add(GraphEdge.named(EdgeType.INTERNAL, UNREACHABLE, base - 1));
    nodes.add(new GraphNode(NodeType.SYNTHETIC, "(root)", 1, 0, 0, top));
    for (int r = 0; r < rootNames.size(); r++) {
      nodes.add(new GraphNode(NodeType.SYNTHETIC, rootNames.get(r), syntheticId(1 + r), 0, 0, shift(rootEdges.get(r), base)));
    }
    nodes.add(new GraphNode(NodeType.SYNTHETIC, UNREACHABLE, syntheticId(base - 1), 0, 0, shift(unreachable, base)));
    int bytesPerBlock = location.bytesPerBlock();
    for (int i = 0; i < allocations.size(); i++) {
      Allocation a = allocations.get(i);
      ObjectNaming.Shown shown = naming.of(a);
      nodes.add(
          new GraphNode(
              shown.type(), shown.name(), objectId(ids.keyOf(a)), a.bytes(bytesPerBlock), sites.traceNodeOf(a),
              shift(objectEdges.get(i), base)));
    }
    return new HeapGraph(nodes, sites.traces());
  }

  /** Odd ids (DevTools' mark of heap objects), above the synthetic nodes'. */
  public static long objectId(long key) {
    return 2 * (SYNTHETIC_KEYS + key) + 1;
  }

  private static long syntheticId(int ordinal) {
    if (ordinal >= SYNTHETIC_KEYS) {
      throw new IllegalStateException("more than " + SYNTHETIC_KEYS + " root nodes");
    }
    return 2L * ordinal + 1;
  }

  private List<GraphEdge> references(Memory snapshot, Allocation a, HeapHeads heads) {
    List<GraphEdge> edges = new ArrayList<>();
    long bytes = a.bytes(location.bytesPerBlock());
    for (long offset = 0; offset + wordSize <= bytes; offset += wordSize) {
      long at = a.address() + offset;
      if (!snapshot.contains(at, wordSize)) {
        break;
      }
      int target = heads.allocationAt(snapshot.word(at, wordSize));
      if (target >= 0) {
        edges.add(GraphEdge.named(EdgeType.INTERNAL, "+" + offset, target));
      }
    }
    return edges;
  }

  /** Edges from the unreachable node: first to allocations nothing points to, then to what is left (cycles). */
  private static List<GraphEdge> unreachable(List<List<GraphEdge>> objectEdges, BitSet reached, Deque<Integer> pending) {
    BitSet referenced = new BitSet(objectEdges.size());
    for (List<GraphEdge> edges : objectEdges) {
      for (GraphEdge e : edges) {
        referenced.set(e.target());
      }
    }
    List<GraphEdge> edges = new ArrayList<>();
    for (int i = reached.nextClearBit(0); i < objectEdges.size(); i = reached.nextClearBit(i + 1)) {
      if (!referenced.get(i)) {
        edges.add(GraphEdge.indexed(EdgeType.ELEMENT, edges.size(), i));
        visit(i, reached, pending);
      }
    }
    reach(objectEdges, reached, pending);
    for (int i = reached.nextClearBit(0); i < objectEdges.size(); i = reached.nextClearBit(i + 1)) {
      edges.add(GraphEdge.indexed(EdgeType.ELEMENT, edges.size(), i));
      visit(i, reached, pending);
      reach(objectEdges, reached, pending);
    }
    return edges;
  }

  private static void reach(List<List<GraphEdge>> objectEdges, BitSet reached, Deque<Integer> pending) {
    while (!pending.isEmpty()) {
      for (GraphEdge e : objectEdges.get(pending.pop())) {
        visit(e.target(), reached, pending);
      }
    }
  }

  private static void visit(int allocation, BitSet reached, Deque<Integer> pending) {
    if (!reached.get(allocation)) {
      reached.set(allocation);
      pending.push(allocation);
    }
  }

  /** Edges were built with allocation indexes as targets; nodes put the allocations after {@code base}. */
  private static List<GraphEdge> shift(List<GraphEdge> edges, int base) {
    List<GraphEdge> out = new ArrayList<>(edges.size());
    for (GraphEdge e : edges) {
      out.add(new GraphEdge(e.type(), e.name(), e.index(), e.target() + base));
    }
    return out;
  }
}
