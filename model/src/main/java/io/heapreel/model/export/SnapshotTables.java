package io.heapreel.model.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The string table of a graph, built while checking every number the file will hold against the
 * format: DevTools and memlab read all arrays as unsigned 32-bit integers and silently corrupt
 * anything else, so an out-of-range value is refused here, before writing starts.
 */
final class SnapshotTables {
  static final long UINT32_MAX = 0xFFFF_FFFFL;

  private final Map<String, Integer> index = new HashMap<>();
  private final List<String> strings = new ArrayList<>();
  private long edgeCount;

  private SnapshotTables() {}

  static SnapshotTables of(HeapGraph graph) {
    SnapshotTables t = new SnapshotTables();
    Set<Long> traceIds = t.checkTraces(graph);
    t.checkNodes(graph, traceIds);
    return t;
  }

  List<String> strings() {
    return strings;
  }

  long edgeCount() {
    return edgeCount;
  }

  int stringIndex(String s) {
    Integer i = index.get(s);
    if (i == null) {
      throw new IllegalStateException("string not in the table: " + s);
    }
    return i;
  }

  private void intern(String s) {
    if (index.putIfAbsent(s, strings.size()) == null) {
      strings.add(s);
    }
  }

  private void checkNodes(HeapGraph graph, Set<Long> traceIds) {
    List<GraphNode> nodes = graph.nodes();
    if (nodes.isEmpty() || nodes.get(0).type() != NodeType.SYNTHETIC) {
      throw new IllegalArgumentException("node 0 must be the synthetic root (DevTools starts every walk there)");
    }
    int fields = HeapSnapshotWriter.NODE_FIELDS.size();
    Set<Long> ids = new HashSet<>(nodes.size() * 2);
    for (int i = 0; i < nodes.size(); i++) {
      GraphNode n = nodes.get(i);
      int index = i;
      Supplier<String> where = () -> "node " + index + " (" + n.type().label() + " '" + n.name() + "')";
      uint32(n.id(), where, "id");
      uint32(n.selfSize(), where, "self_size");
      uint32(n.traceNodeId(), where, "trace_node_id");
      if (!ids.add(n.id())) {
        throw new IllegalArgumentException(where.get() + ": id " + n.id() + " is used by another node");
      }
      if (n.traceNodeId() != 0 && !traceIds.contains(n.traceNodeId())) {
        throw new IllegalArgumentException(where.get() + ": trace_node_id " + n.traceNodeId() + " is not in the trace tree");
      }
      intern(n.name());
      for (GraphEdge e : n.edges()) {
        if (e.target() < 0 || e.target() >= nodes.size()) {
          throw new IllegalArgumentException(where.get() + ": edge to node " + e.target() + ", but there are " + nodes.size() + " nodes");
        }
        uint32((long) e.target() * fields, where, "edge to_node");
        if (e.type().indexed()) {
          uint32(e.index(), where, e.type().label() + " edge index");
        } else {
          intern(e.name());
        }
        edgeCount++;
      }
    }
    uint32(edgeCount, () -> "the graph", "edge_count");
  }

  private Set<Long> checkTraces(HeapGraph graph) {
    Set<Long> ids = new HashSet<>();
    if (graph.traces().isEmpty()) {
      return ids;
    }
    List<TraceFunction> functions = graph.traces().get().functions();
    for (int i = 0; i < functions.size(); i++) {
      TraceFunction f = functions.get(i);
      int index = i;
      Supplier<String> where = () -> "trace function " + index + " (" + f.name() + ")";
      uint32(f.scriptId(), where, "script_id");
      uint32(f.line(), where, "line");
      uint32(f.column(), where, "column");
      intern(f.name());
      intern(f.scriptName());
    }
    List<TraceNode> pending = new ArrayList<>(List.of(graph.traces().get().root()));
    while (!pending.isEmpty()) {
      TraceNode t = pending.remove(pending.size() - 1);
      Supplier<String> where = () -> "trace node " + t.id();
      uint32(t.id(), where, "id");
      uint32(t.count(), where, "count");
      uint32(t.size(), where, "size");
      if (t.id() == 0 || !ids.add(t.id())) {
        throw new IllegalArgumentException(where.get() + ": trace node ids must be unique and not 0 (0 means no trace)");
      }
      if (t.function() < 0 || t.function() >= functions.size()) {
        throw new IllegalArgumentException(where.get() + ": function " + t.function() + ", but there are " + functions.size());
      }
      pending.addAll(t.children());
    }
    return ids;
  }

  /** {@code where} is built only when the check fails: exports check every node. */
  private static void uint32(long value, Supplier<String> where, String field) {
    if (value < 0 || value > UINT32_MAX) {
      throw new IllegalArgumentException(
          where.get() + ": " + field + " " + value + " is outside 0.." + UINT32_MAX
              + " (a .heapsnapshot holds unsigned 32-bit numbers only)");
    }
  }
}
