package io.heapreel.model.export;

import java.util.List;
import java.util.Objects;

/**
 * One node of a heap graph with its outgoing edges.
 *
 * @param id the object id DevTools matches between snapshots (odd for heap objects)
 * @param selfSize the bytes the node itself occupies
 * @param traceNodeId the allocation trace node it was allocated under, 0 for none
 */
public record GraphNode(NodeType type, String name, long id, long selfSize, long traceNodeId, List<GraphEdge> edges) {
  public GraphNode {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    edges = List.copyOf(edges);
  }
}
