package io.heapreel.model.export;

import java.util.List;

/**
 * One node of the allocation call tree ({@code trace_tree}): a function called from its parent.
 *
 * @param id the number heap nodes refer to by their trace_node_id (not 0)
 * @param function index into the trace functions
 * @param count allocations made exactly at this call path
 * @param size bytes of those allocations
 */
public record TraceNode(long id, int function, long count, long size, List<TraceNode> children) implements java.io.Serializable {
  public TraceNode {
    children = List.copyOf(children);
  }
}
