package io.heapreel.model.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeapSnapshotWriterTest {
  @TempDir Path dir;

  private JsonNode written(HeapGraph graph) throws IOException {
    Path file = dir.resolve("out.heapsnapshot");
    new HeapSnapshotWriter().write(graph, file);
    return new ObjectMapper().readTree(file.toFile());
  }

  @Test
  void sectionsComeInTheOrderStreamingReadersExpect() throws IOException {
    List<String> keys = new ArrayList<>();
    written(HandBuiltHeap.base()).fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly("snapshot", "nodes", "edges", "trace_function_infos", "trace_tree", "samples", "locations", "strings");
  }

  @Test
  void countsAndEdgeTargetsAreConsistent() throws IOException {
    JsonNode s = written(HandBuiltHeap.base());
    JsonNode meta = s.get("snapshot").get("meta");
    int nodeFields = meta.get("node_fields").size();
    int edgeFields = meta.get("edge_fields").size();
    int nodeCount = s.get("snapshot").get("node_count").asInt();
    int edgeCount = s.get("snapshot").get("edge_count").asInt();
    assertThat(nodeCount).isEqualTo(11);
    assertThat(edgeCount).isEqualTo(12);
    assertThat(s.get("nodes").size()).isEqualTo(nodeCount * nodeFields);
    assertThat(s.get("edges").size()).isEqualTo(edgeCount * edgeFields);
    int edgeCountOffset = fieldIndex(meta.get("node_fields"), "edge_count");
    int sum = 0;
    for (int i = 0; i < s.get("nodes").size(); i += nodeFields) {
      sum += s.get("nodes").get(i + edgeCountOffset).asInt();
    }
    assertThat(sum).isEqualTo(edgeCount);
    int toNode = fieldIndex(meta.get("edge_fields"), "to_node");
    for (int i = 0; i < s.get("edges").size(); i += edgeFields) {
      long target = s.get("edges").get(i + toNode).asLong();
      assertThat(target % nodeFields).isZero();
      assertThat(target / nodeFields).isLessThan(nodeCount);
    }
    assertThat(s.get("nodes").get(fieldIndex(meta.get("node_fields"), "type")).asInt())
        .as("node 0's type")
        .isEqualTo(fieldIndex(meta.get("node_types").get(0), "synthetic"));
    assertThat(s.get("snapshot").get("trace_function_count").asInt()).isEqualTo(HandBuiltHeap.FUNCTIONS.size());
    assertThat(s.get("trace_function_infos").size()).isEqualTo(HandBuiltHeap.FUNCTIONS.size() * 6);
    assertThat(s.get("trace_tree").toString()).isEqualTo("[1,0,0,0,[2,1,0,0,[3,2,1,16,[],4,3,1,16,[]]]]");
  }

  @Test
  void theLargestUint32IsWrittenAsIs() throws IOException {
    JsonNode s = written(graphWithSelfSize(0xFFFF_FFFFL));
    assertThat(s.get("nodes").get(7 + 3).asLong()).isEqualTo(0xFFFF_FFFFL);
  }

  @Test
  void aNumberBeyondUint32IsRefusedAndNothingIsWritten() throws IOException {
    Path file = dir.resolve("kept.heapsnapshot");
    Files.writeString(file, "previous");
    assertThatThrownBy(() -> new HeapSnapshotWriter().write(graphWithSelfSize(1L << 32), file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("node 1 (object 'dict')")
        .hasMessageContaining("self_size 4294967296");
    assertThat(Files.readString(file)).isEqualTo("previous");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void negativeIdsEdgesToNowhereAndANonSyntheticRootAreRefused() {
    HeapSnapshotWriter w = new HeapSnapshotWriter();
    Path file = dir.resolve("x.heapsnapshot");
    GraphNode root = new GraphNode(NodeType.SYNTHETIC, "(root)", 1, 0, 0, List.of(GraphEdge.named(EdgeType.INTERNAL, "a", 1)));
    assertThatThrownBy(() -> w.write(graph(root, new GraphNode(NodeType.OBJECT, "dict", -3, 16, 0, List.of())), file))
        .hasMessageContaining("id -3");
    GraphNode lost = new GraphNode(NodeType.SYNTHETIC, "(root)", 1, 0, 0, List.of(GraphEdge.named(EdgeType.INTERNAL, "a", 5)));
    assertThatThrownBy(() -> w.write(graph(lost), file)).hasMessageContaining("edge to node 5");
    assertThatThrownBy(() -> w.write(graph(new GraphNode(NodeType.OBJECT, "dict", 1, 16, 0, List.of())), file))
        .hasMessageContaining("node 0 must be the synthetic root");
    assertThatThrownBy(() -> w.write(graph(root, new GraphNode(NodeType.OBJECT, "dict", 1, 16, 0, List.of())), file))
        .hasMessageContaining("id 1 is used by another node");
    assertThatThrownBy(() -> w.write(graph(root, new GraphNode(NodeType.OBJECT, "dict", 3, 16, 9, List.of())), file))
        .hasMessageContaining("trace_node_id 9 is not in the trace tree");
    assertThat(file).doesNotExist();
  }

  private static HeapGraph graphWithSelfSize(long size) {
    return graph(
        new GraphNode(NodeType.SYNTHETIC, "(root)", 1, 0, 0, List.of(GraphEdge.named(EdgeType.INTERNAL, "r", 1))),
        new GraphNode(NodeType.OBJECT, "dict", 3, size, 0, List.of()));
  }

  private static HeapGraph graph(GraphNode... nodes) {
    return new HeapGraph(List.of(nodes), Optional.empty());
  }

  private static int fieldIndex(JsonNode array, String name) {
    for (int i = 0; i < array.size(); i++) {
      if (array.get(i).asText().equals(name)) {
        return i;
      }
    }
    throw new AssertionError(name + " not in " + array);
  }
}
