package io.heapreel.model.export;

import static io.heapreel.model.export.EdgeType.ELEMENT;
import static io.heapreel.model.export.EdgeType.INTERNAL;
import static io.heapreel.model.export.EdgeType.PROPERTY;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A small heap whose DevTools figures are known by construction:
 *
 * <pre>
 * (root) 1 -> mp_state_ctx+104 (3) -> dict D (101, 16 B) -> dict table T (103, hidden, 64 B)
 *                                        | .greeting -> str S1 'hello' (105, 32 B)
 *                                        | .items    -> list L (107, 16 B)
 *        1 -> stack (5)            -> list L
 *        L -> list items Li (109, array, 32 B); L[0] -> str S2 'a' (111, 16 B); L[1] -> S1
 *        1 -> (unreachable) (7)    -> bytearray U (113, 48 B)
 * </pre>
 *
 * D retains D + T = 80 bytes (S1 and L have a second retainer); L retains L + Li + S2 = 64.
 * The "next" variant frees U and allocates str S3 'new' (115, 16 B) as L[2].
 */
final class HandBuiltHeap {
  static final int ROOT = 0, STATE = 1, STACK = 2, GARBAGE = 3, D = 4, T = 5, S1 = 6, L = 7, LI = 8, S2 = 9, U = 10, S3 = 10;

  static final TraceFunction ROOT_FUNCTION = new TraceFunction("(root)", "", 0, 0, 0);
  static final List<TraceFunction> FUNCTIONS =
      List.of(
          ROOT_FUNCTION,
          new TraceFunction("main", "main.c", 1, 77, 0),
          new TraceFunction("mp_obj_new_dict", "../../py/objdict.c", 2, 600, 0),
          new TraceFunction("mp_obj_new_list", "../../py/objlist.c", 3, 483, 0));

  static HeapGraph base() {
    return graph(false);
  }

  static HeapGraph next() {
    return graph(true);
  }

  private static HeapGraph graph(boolean next) {
    List<GraphNode> n = new ArrayList<>();
    List<GraphEdge> rootEdges = new ArrayList<>(List.of(
        GraphEdge.named(INTERNAL, "mp_state_ctx+104", STATE),
        GraphEdge.named(INTERNAL, "stack", STACK)));
    if (!next) {
      rootEdges.add(GraphEdge.named(INTERNAL, "(unreachable)", GARBAGE));
    }
    n.add(new GraphNode(NodeType.SYNTHETIC, "(root)", 1, 0, 0, rootEdges));
    n.add(new GraphNode(NodeType.SYNTHETIC, "mp_state_ctx+104", 3, 0, 0, List.of(GraphEdge.named(INTERNAL, "dict_main", D))));
    n.add(new GraphNode(NodeType.SYNTHETIC, "stack", 5, 0, 0, List.of(GraphEdge.named(INTERNAL, "0x20008f00", L))));
    n.add(new GraphNode(NodeType.SYNTHETIC, "(unreachable)", 7, 0, 0, next ? List.of() : List.of(GraphEdge.named(INTERNAL, "0x20000600", U))));
    n.add(new GraphNode(NodeType.OBJECT, "dict", 101, 16, 3, List.of(
        GraphEdge.named(INTERNAL, "table", T),
        GraphEdge.named(PROPERTY, "greeting", S1),
        GraphEdge.named(PROPERTY, "items", L))));
    n.add(new GraphNode(NodeType.HIDDEN, "dict table", 103, 64, 0, List.of()));
    n.add(new GraphNode(NodeType.STRING, "hello", 105, 32, 0, List.of()));
    List<GraphEdge> items = new ArrayList<>(List.of(
        GraphEdge.named(INTERNAL, "items", LI),
        GraphEdge.indexed(ELEMENT, 0, S2),
        GraphEdge.indexed(ELEMENT, 1, S1)));
    if (next) {
      items.add(GraphEdge.indexed(ELEMENT, 2, S3));
    }
    n.add(new GraphNode(NodeType.OBJECT, "list", 107, 16, 4, items));
    n.add(new GraphNode(NodeType.ARRAY, "list items", 109, 32, 0, List.of()));
    n.add(new GraphNode(NodeType.STRING, "a", 111, 16, 0, List.of()));
    if (next) {
      n.add(new GraphNode(NodeType.STRING, "new", 115, 16, 0, List.of()));
    } else {
      n.add(new GraphNode(NodeType.OBJECT, "bytearray", 113, 48, 0, List.of()));
    }
    TraceNode tree =
        new TraceNode(1, 0, 0, 0, List.of(
            new TraceNode(2, 1, 0, 0, List.of(
                new TraceNode(3, 2, 1, 16, List.of()),
                new TraceNode(4, 3, 1, 16, List.of())))));
    return new HeapGraph(n, Optional.of(new AllocationTraces(FUNCTIONS, tree)));
  }

  private HandBuiltHeap() {}
}
