package io.heapreel.model.export;

import java.util.Objects;

/**
 * A reference from one node to another.
 *
 * @param name the edge's name for named types (property, internal, context, ...), null for indexed
 * @param index the edge's index for {@link EdgeType#indexed()} types, else ignored
 * @param target the ordinal (position in the graph) of the node referred to
 */
public record GraphEdge(EdgeType type, String name, long index, int target) {
  public GraphEdge {
    Objects.requireNonNull(type, "type");
    if (!type.indexed()) {
      Objects.requireNonNull(name, "a " + type.label() + " edge needs a name");
    }
  }

  public static GraphEdge named(EdgeType type, String name, int target) {
    return new GraphEdge(type, name, 0, target);
  }

  public static GraphEdge indexed(EdgeType type, long index, int target) {
    return new GraphEdge(type, null, index, target);
  }
}
