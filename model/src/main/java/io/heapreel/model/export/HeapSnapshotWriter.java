package io.heapreel.model.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes a {@link HeapGraph} as a Chrome DevTools {@code .heapsnapshot} file, in the layout the
 * DevTools loader and memlab read as a stream: the {@code snapshot} block (meta and counts) first
 * and directly before {@code nodes}, then {@code edges}, the trace arrays, {@code samples},
 * {@code locations}, and {@code strings} last.
 *
 * <p>Both readers parse the number arrays as unsigned 32-bit integers without complaint about
 * anything else (a minus sign is skipped, a larger number wraps), so the whole graph is checked
 * by {@link SnapshotTables} before the first byte is written; the file is written beside the
 * target and moved into place, so a failure never leaves a half-written snapshot.
 */
public final class HeapSnapshotWriter {
  static final List<String> NODE_FIELDS =
      List.of("type", "name", "id", "self_size", "edge_count", "trace_node_id", "detachedness");
  static final List<String> EDGE_FIELDS = List.of("type", "name_or_index", "to_node");
  static final List<String> TRACE_FUNCTION_INFO_FIELDS =
      List.of("function_id", "name", "script_name", "script_id", "line", "column");
  static final List<String> TRACE_NODE_FIELDS = List.of("id", "function_info_index", "count", "size", "children");
  static final List<String> SAMPLE_FIELDS = List.of("timestamp_us", "last_assigned_id");
  static final List<String> LOCATION_FIELDS = List.of("object_index", "script_id", "line", "column");

  private final JsonFactory json = new JsonFactory();

  /**
   * Checks the graph, then writes it to {@code target} (replacing it) through a temporary file.
   *
   * @throws IllegalArgumentException when the graph breaks the format (a number outside uint32,
   *     an edge to a missing node, node 0 not synthetic, ...); nothing is written then
   */
  public void write(HeapGraph graph, Path target) {
    SnapshotTables tables = SnapshotTables.of(graph);
    Path folder = target.toAbsolutePath().getParent();
    Path partial = null;
    try {
      Files.createDirectories(folder);
      // beside the target (same file system, so the move is atomic), with the usual permissions
      partial = folder.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".partial");
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 20)) {
        write(graph, tables, out);
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      partial = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(partial);
    }
  }

  /** Checks the graph and writes it to a stream (left open). */
  public void write(HeapGraph graph, OutputStream out) throws IOException {
    write(graph, SnapshotTables.of(graph), out);
  }

  private void write(HeapGraph graph, SnapshotTables tables, OutputStream out) throws IOException {
    try (JsonGenerator g = json.createGenerator(out, JsonEncoding.UTF8)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      writeHeader(g, graph, tables);
      writeNodes(g, graph, tables);
      writeEdges(g, graph, tables);
      writeTraces(g, graph, tables);
      g.writeArrayFieldStart("samples");
      g.writeEndArray();
      g.writeArrayFieldStart("locations");
      g.writeEndArray();
      g.writeArrayFieldStart("strings");
      for (String s : tables.strings()) {
        g.writeString(s);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static void writeHeader(JsonGenerator g, HeapGraph graph, SnapshotTables tables) throws IOException {
    g.writeObjectFieldStart("snapshot");
    g.writeObjectFieldStart("meta");
    stringArray(g, "node_fields", NODE_FIELDS);
    g.writeArrayFieldStart("node_types");
    g.writeStartArray();
    for (NodeType t : NodeType.values()) {
      g.writeString(t.label());
    }
    g.writeEndArray();
    for (int i = 1; i < NODE_FIELDS.size(); i++) {
      g.writeString(i == 1 ? "string" : "number");
    }
    g.writeEndArray();
    stringArray(g, "edge_fields", EDGE_FIELDS);
    g.writeArrayFieldStart("edge_types");
    g.writeStartArray();
    for (EdgeType t : EdgeType.values()) {
      g.writeString(t.label());
    }
    g.writeEndArray();
    g.writeString("string_or_number");
    g.writeString("node");
    g.writeEndArray();
    stringArray(g, "trace_function_info_fields", TRACE_FUNCTION_INFO_FIELDS);
    stringArray(g, "trace_node_fields", TRACE_NODE_FIELDS);
    stringArray(g, "sample_fields", SAMPLE_FIELDS);
    stringArray(g, "location_fields", LOCATION_FIELDS);
    g.writeEndObject();
    g.writeNumberField("node_count", graph.nodes().size());
    g.writeNumberField("edge_count", tables.edgeCount());
    g.writeNumberField("trace_function_count", graph.traces().map(t -> t.functions().size()).orElse(0));
    g.writeEndObject();
  }

  private static void writeNodes(JsonGenerator g, HeapGraph graph, SnapshotTables tables) throws IOException {
    g.writeArrayFieldStart("nodes");
    for (GraphNode n : graph.nodes()) {
      g.writeNumber(n.type().ordinal());
      g.writeNumber(tables.stringIndex(n.name()));
      g.writeNumber(n.id());
      g.writeNumber(n.selfSize());
      g.writeNumber(n.edges().size());
      g.writeNumber(n.traceNodeId());
      g.writeNumber(0);
    }
    g.writeEndArray();
  }

  private static void writeEdges(JsonGenerator g, HeapGraph graph, SnapshotTables tables) throws IOException {
    g.writeArrayFieldStart("edges");
    for (GraphNode n : graph.nodes()) {
      for (GraphEdge e : n.edges()) {
        g.writeNumber(e.type().ordinal());
        g.writeNumber(e.type().indexed() ? e.index() : tables.stringIndex(e.name()));
        g.writeNumber((long) e.target() * NODE_FIELDS.size());
      }
    }
    g.writeEndArray();
  }

  private static void writeTraces(JsonGenerator g, HeapGraph graph, SnapshotTables tables) throws IOException {
    g.writeArrayFieldStart("trace_function_infos");
    List<TraceFunction> functions = graph.traces().map(AllocationTraces::functions).orElse(List.of());
    for (int i = 0; i < functions.size(); i++) {
      TraceFunction f = functions.get(i);
      g.writeNumber(i);
      g.writeNumber(tables.stringIndex(f.name()));
      g.writeNumber(tables.stringIndex(f.scriptName()));
      g.writeNumber(f.scriptId());
      g.writeNumber(f.line());
      g.writeNumber(f.column());
    }
    g.writeEndArray();
    g.writeArrayFieldStart("trace_tree");
    if (graph.traces().isPresent()) {
      writeTraceNode(g, graph.traces().get().root());
    }
    g.writeEndArray();
  }

  /** A trace node is its four numbers followed by one array holding its children's, flattened. */
  private static void writeTraceNode(JsonGenerator g, TraceNode node) throws IOException {
    g.writeNumber(node.id());
    g.writeNumber(node.function());
    g.writeNumber(node.count());
    g.writeNumber(node.size());
    g.writeStartArray();
    for (TraceNode child : node.children()) {
      writeTraceNode(g, child);
    }
    g.writeEndArray();
  }

  private static void stringArray(JsonGenerator g, String field, List<String> values) throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // the original failure is what the caller needs to see
      }
    }
  }
}
