package io.heapreel.model.export;

import java.util.List;
import java.util.Objects;

/**
 * Where the objects of a heap graph were allocated: the functions and the call tree whose node
 * ids the graph's nodes name. The root is the tree's top (conventionally the function "(root)").
 */
public record AllocationTraces(List<TraceFunction> functions, TraceNode root) implements java.io.Serializable {
  public AllocationTraces {
    functions = List.copyOf(functions);
    Objects.requireNonNull(root, "root");
  }
}
