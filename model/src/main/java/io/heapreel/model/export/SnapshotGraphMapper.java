package io.heapreel.model.export;

import io.heapreel.model.capture.Memory;
import io.heapreel.model.objects.HeapObject;
import io.heapreel.model.objects.Layout;
import io.heapreel.model.objects.ObjectSnapshot;
import io.heapreel.model.objects.ObjectRepr;
import io.heapreel.model.types.Role;
import io.heapreel.model.types.Roles;
import io.heapreel.model.objects.Root;
import io.heapreel.model.objects.Text;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the object view of one snapshot into the graph DevTools shows.
 *
 * <p>Node 0 is the synthetic root. Its children: one synthetic node per root word outside the
 * heap, named after its symbol ({@code mp_state_ctx+104}); one {@code stack} node for all root
 * words on the C stack; and one {@code (unreachable)} node holding the allocations no root
 * reaches (garbage the next collection frees; DevTools reports nodes it cannot reach from the
 * root as a broken snapshot). Then one node per allocation, its self size the bytes of its blocks:
 * objects as {@code object} nodes named by type or class, str objects as {@code string} nodes
 * carrying their text, raw blocks with a role as {@code native} nodes named {@code raw:ROLE} (a class
 * of their own in DevTools' Summary), raw blocks no one can tell as {@code hidden} ("(system)"). Every reference the collector follows is an edge: map table values as {@code property}
 * edges named by their key, list and tuple items as {@code element} edges, closure cells as
 * {@code context}, everything else {@code internal}, named after the block it leads to or its
 * byte offset.
 */
public final class SnapshotGraphMapper {
  /** Node ids below 2 * this are the synthetic nodes'; allocations' ids come after. */
  static final long SYNTHETIC_KEYS = 1 << 16;
  static final String UNREACHABLE = "(unreachable)";
  static final String STACK = "stack";
  static final int MAX_TEXT_BYTES = 1024;

  private final Layout layout;
  private final int wordSize;
  private final int bytesPerBlock;

  public SnapshotGraphMapper(Layout layout, int wordSize, int bytesPerBlock) {
    this.layout = layout;
    this.wordSize = wordSize;
    this.bytesPerBlock = bytesPerBlock;
  }

  /** Odd ids (DevTools' mark of heap objects), above the synthetic nodes'. */
  public static long objectId(long key) {
    return 2 * (SYNTHETIC_KEYS + key) + 1;
  }

  public HeapGraph map(ObjectSnapshot snapshot, Memory memory, AllocationIds ids, AllocationSites sites) {
    List<HeapObject> objects = snapshot.objects();
    Map<Long, Integer> byAddress = new HashMap<>(objects.size() * 2);
    for (int i = 0; i < objects.size(); i++) {
      byAddress.put(objects.get(i).address(), i);
    }
    List<List<GraphEdge>> objectEdges = new ArrayList<>(objects.size());
    for (HeapObject o : objects) {
      objectEdges.add(edges(o, objects, byAddress, memory));
    }
    Map<String, List<GraphEdge>> roots = roots(snapshot.roots());
    BitSet reached = new BitSet(objects.size());
    Deque<Integer> pending = new ArrayDeque<>();
    roots.values().forEach(edges -> edges.forEach(e -> visit(e.target(), reached, pending)));
    reach(objectEdges, reached, pending);
    List<GraphEdge> unreachable = unreachable(objectEdges, reached, pending);

    int base = 1 + roots.size() + 1;
    List<GraphNode> nodes = new ArrayList<>(base + objects.size());
    List<GraphEdge> top = new ArrayList<>();
    int ordinal = 1;
    for (String name : roots.keySet()) {
      top.add(GraphEdge.named(EdgeType.INTERNAL, name, ordinal++));
    }
    top.add(GraphEdge.named(EdgeType.INTERNAL, UNREACHABLE, base - 1));
    nodes.add(new GraphNode(NodeType.SYNTHETIC, "(root)", 1, 0, 0, top));
    ordinal = 1;
    for (Map.Entry<String, List<GraphEdge>> root : roots.entrySet()) {
      nodes.add(new GraphNode(NodeType.SYNTHETIC, root.getKey(), syntheticId(ordinal++), 0, 0, shift(root.getValue(), base)));
    }
    nodes.add(new GraphNode(NodeType.SYNTHETIC, UNREACHABLE, syntheticId(base - 1), 0, 0, shift(unreachable, base)));
    for (int i = 0; i < objects.size(); i++) {
      HeapObject o = objects.get(i);
      nodes.add(
          new GraphNode(
              nodeType(o), nodeName(o, memory), objectId(ids.keyOf(o)), (long) o.blocks() * bytesPerBlock,
              sites.traceNodeOf(o), shift(objectEdges.get(i), base)));
    }
    return new HeapGraph(nodes, sites.traces());
  }

  /** Root words grouped by node: one per symbol+offset (or ram+offset), all stack words in one. */
  private static Map<String, List<GraphEdge>> roots(List<Root> roots) {
    Map<String, List<GraphEdge>> nodes = new LinkedHashMap<>();
    for (Root r : roots) {
      boolean stack = r.name().startsWith(STACK + "+");
      String node = stack ? STACK : r.name();
      String edge = stack ? r.name().substring(STACK.length()) : String.format("0x%x", r.address());
      nodes.computeIfAbsent(node, k -> new ArrayList<>()).add(GraphEdge.named(EdgeType.INTERNAL, edge, r.target()));
    }
    return nodes;
  }

  private NodeType nodeType(HeapObject o) {
    if (o.role() != Role.OBJECT) {
      // a told role is a class of its own in DevTools' Summary (native nodes go by their name)
      return o.role() == Role.UNKNOWN ? NodeType.HIDDEN : NodeType.NATIVE;
    }
    return "str".equals(o.type()) ? NodeType.STRING : NodeType.OBJECT;
  }

  private String nodeName(HeapObject o, Memory memory) {
    if (o.role() != Role.OBJECT) {
      return Roles.typeName(o.type(), o.role());
    }
    if ("str".equals(o.type())) {
      return text(o, memory);
    }
    return o.type();
  }

  /** The str's text (up to {@link #MAX_TEXT_BYTES} bytes), or its preview when the data is not readable. */
  private String text(HeapObject o, Memory memory) {
    long lenAt = o.address() + layout.field("str.len");
    long dataAt = o.address() + layout.field("str.data");
    if (memory.contains(lenAt, wordSize) && memory.contains(dataAt, wordSize)) {
      long len = memory.word(lenAt, wordSize);
      long data = memory.word(dataAt, wordSize);
      int take = (int) Math.min(Math.max(len, 0), MAX_TEXT_BYTES);
      if (len >= 0 && memory.contains(data, take)) {
        return Text.decode(Text.bytes(memory, data, take));
      }
    }
    return o.preview() == null ? "" : o.preview();
  }

  private List<GraphEdge> edges(HeapObject o, List<HeapObject> objects, Map<Long, Integer> byAddress, Memory memory) {
    Map<Integer, String> keyAt = o.role() == Role.MAP_TABLE ? tableKeys(o, memory) : Map.of();
    boolean context = "closure".equals(o.type()) || "cell".equals(o.type());
    int tupleItems = "tuple".equals(o.type()) ? layout.field("tuple.items") : -1;
    List<GraphEdge> edges = new ArrayList<>(o.refs().size());
    for (HeapObject.Reference r : o.refs()) {
      Integer target = byAddress.get(r.target());
      if (target == null) {
        continue;
      }
      int off = r.offset();
      String key = keyAt.get(off);
      if (key != null) {
        edges.add(GraphEdge.named(EdgeType.PROPERTY, key, target));
      } else if (keyAt.containsKey(off - wordSize)) {
        edges.add(GraphEdge.named(EdgeType.INTERNAL, "key " + keyAt.get(off - wordSize), target));
      } else if (o.role() == Role.LIST_ITEMS) {
        edges.add(GraphEdge.indexed(EdgeType.ELEMENT, off / wordSize, target));
      } else if (tupleItems >= 0 && off >= tupleItems) {
        edges.add(GraphEdge.indexed(EdgeType.ELEMENT, (off - tupleItems) / wordSize, target));
      } else {
        HeapObject t = objects.get(target);
        String name = t.role() != Role.OBJECT ? t.role().label() : "+" + off;
        edges.add(GraphEdge.named(context ? EdgeType.CONTEXT : EdgeType.INTERNAL, name, target));
      }
    }
    return edges;
  }

  /**
   * Value offset to key, for the filled slots of a map table (key word, value word per slot). The
   * object's keys list the filled slots' keys in slot order.
   */
  private Map<Integer, String> tableKeys(HeapObject table, Memory memory) {
    Map<Integer, String> keyAt = new HashMap<>();
    if (table.keys() == null) {
      return keyAt;
    }
    long bytes = (long) table.blocks() * bytesPerBlock;
    int next = 0;
    for (long slot = 0; (slot + 1) * 2 * wordSize <= bytes && next < table.keys().size(); slot++) {
      long at = table.address() + slot * 2 * wordSize;
      if (!memory.contains(at, wordSize)) {
        break;
      }
      long key = memory.word(at, wordSize);
      if (key != ObjectRepr.NULL && key != ObjectRepr.SENTINEL) {
        keyAt.put((int) (slot * 2 * wordSize + wordSize), table.keys().get(next++));
      }
    }
    return keyAt;
  }

  private static long syntheticId(int ordinal) {
    if (ordinal >= SYNTHETIC_KEYS) {
      throw new IllegalStateException("more than " + SYNTHETIC_KEYS + " root nodes");
    }
    return 2L * ordinal + 1;
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

  private static void visit(int object, BitSet reached, Deque<Integer> pending) {
    if (!reached.get(object)) {
      reached.set(object);
      pending.push(object);
    }
  }

  /** Edges were built with object indexes as targets; the nodes put the objects after {@code base}. */
  private static List<GraphEdge> shift(List<GraphEdge> edges, int base) {
    List<GraphEdge> out = new ArrayList<>(edges.size());
    for (GraphEdge e : edges) {
      out.add(new GraphEdge(e.type(), e.name(), e.index(), e.target() + base));
    }
    return out;
  }
}
