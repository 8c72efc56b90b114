package io.heapreel.model.export;

import java.util.List;
import java.util.Optional;

/**
 * A heap as DevTools sees it: nodes (node 0 the synthetic root) with their outgoing edges, and
 * optionally the allocation traces they refer to. Immutable; {@link HeapSnapshotWriter} checks
 * it against the format's limits before writing.
 */
public record HeapGraph(List<GraphNode> nodes, Optional<AllocationTraces> traces) {
  public HeapGraph {
    nodes = List.copyOf(nodes);
  }

  public long edgeCount() {
    long count = 0;
    for (GraphNode n : nodes) {
      count += n.edges().size();
    }
    return count;
  }
}
