package io.heapreel.model.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.types.Role;
import io.heapreel.model.gclog.Frame;
import io.heapreel.model.heap.HeapArea;
import io.heapreel.model.heap.HeapLocation;
import io.heapreel.model.lifespan.Action;
import io.heapreel.model.lifespan.Lifespan;
import io.heapreel.model.objects.HeapObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Identity and stacks from hand-made lifespans on a 16-block heap at 0x1000 (16-byte blocks). */
class LogAllocationsTest {
  static final HeapArea AREA = new HeapArea(0x0f00, 4, 0, 0x1000, 0x1100, 4);
  static final Frame GC_ALLOC = new Frame(0x9e8, "gc_alloc", "", "../../py/gc.c", 1024, null);
  static final Frame M_MALLOC = new Frame(0x116, "m_malloc", "", "../../py/malloc.c", 86, null);
  static final Frame LIST_NEW = new Frame(0x12e1e, "list_new", "", "../../py/objlist.c", 477, null);
  static final Frame DICT_NEW = new Frame(0x10c9a, "mp_obj_new_dict", "", "../../py/objdict.c", 600, null);
  static final Frame MAIN = new Frame(0x25146, "main", "", "main.c", 77, null);
  static final List<Frame> LIST_TRACE = List.of(GC_ALLOC, M_MALLOC, LIST_NEW, MAIN);
  static final List<Frame> DICT_TRACE = List.of(GC_ALLOC, M_MALLOC, DICT_NEW, MAIN);

  /*
   * block 0: a list allocated at event 0, alive
   * block 2: a dict allocated at event 1 and freed at event 3; its block reused by a list at event 4
   * block 5: a list allocated at event 2, resized in place at event 5 (realloc ends one lifespan, starts the next)
   */
  static final List<Lifespan> LIFESPANS =
      List.of(
          new Lifespan(0, 1, 0, Action.ALLOC, Lifespan.ALIVE, null, LIST_TRACE, List.of(), 2),
          new Lifespan(2, 1, 1, Action.ALLOC, 3, Action.FREE, DICT_TRACE, List.of(), 2),
          new Lifespan(2, 2, 4, Action.ALLOC, Lifespan.ALIVE, null, LIST_TRACE, List.of(), 2),
          new Lifespan(5, 1, 2, Action.ALLOC, 5, Action.REALLOC, LIST_TRACE, List.of(), 2),
          new Lifespan(5, 3, 5, Action.REALLOC, Lifespan.ALIVE, null, LIST_TRACE, List.of(), 2));

  static HeapObject at(int block) {
    return new HeapObject(AREA.blockAddress(block), block, 1, "list", Role.OBJECT, null, null, null, true, false, -1, List.of(), HeapObject.BY_ROOTS, 1);
  }

  @Test
  void theObjectAtAHeadIsTheLatestAllocationThereByTheSnapshotsEvent() {
    LogAllocations at3 = new LogAllocations(LIFESPANS, 10, 3, HeapLocation.of(AREA));
    LogAllocations at4 = new LogAllocations(LIFESPANS, 10, 4, HeapLocation.of(AREA));
    assertThat(at3.keyOf(at(0))).isZero();
    assertThat(at3.keyOf(at(2))).as("the dict, freed at 3 but still in snapshot 3").isEqualTo(1);
    assertThat(at4.keyOf(at(2))).as("the list that reused its block").isEqualTo(4);
  }

  @Test
  void aReallocInPlaceKeepsTheKeyOfTheAllocationItResized() {
    assertThat(new LogAllocations(LIFESPANS, 10, 4, HeapLocation.of(AREA)).keyOf(at(5))).isEqualTo(2);
    assertThat(new LogAllocations(LIFESPANS, 10, 5, HeapLocation.of(AREA)).keyOf(at(5))).isEqualTo(2);
  }

  @Test
  void objectsTheLogNeverAllocatedGetKeysAfterAllEvents() {
    assertThat(new LogAllocations(LIFESPANS, 10, 5, HeapLocation.of(AREA)).keyOf(at(9))).isEqualTo(10 + 9);
  }

  @Test
  void stacksRunFromTheSiteOutwardsAndCountEveryAllocationOnTheirPath() {
    LogAllocations log = new LogAllocations(LIFESPANS, 10, 5, HeapLocation.of(AREA));
    AllocationTraces traces = log.traces().orElseThrow();
    assertThat(path(traces, log.traceNodeOf(at(0))))
        .containsExactly("(root)", "main main.c:77", "list_new ../../py/objlist.c:477");
    assertThat(path(traces, log.traceNodeOf(at(2)))).containsExactly("(root)", "main main.c:77", "list_new ../../py/objlist.c:477");
    TraceNode main = traces.root().children().get(0);
    assertThat(main.children()).hasSize(2);
    TraceNode list = main.children().stream().filter(n -> traces.functions().get(n.function()).name().equals("list_new")).findFirst().orElseThrow();
    TraceNode dict = main.children().stream().filter(n -> traces.functions().get(n.function()).name().equals("mp_obj_new_dict")).findFirst().orElseThrow();
    assertThat(list.count()).as("lists started by event 5: events 0, 2, 4, 5").isEqualTo(4);
    assertThat(list.size()).isEqualTo(16 * (1 + 2 + 1 + 3));
    assertThat(dict.count()).as("the freed dict counts as allocated").isEqualTo(1);
    assertThat(log.traceNodeOf(at(9))).isZero();
  }

  private static List<String> path(AllocationTraces traces, long id) {
    List<String> path = new ArrayList<>();
    assertThat(find(traces, traces.root(), id, path)).as("trace node %d", id).isTrue();
    return path;
  }

  private static boolean find(AllocationTraces traces, TraceNode node, long id, List<String> path) {
    TraceFunction f = traces.functions().get(node.function());
    path.add(f.scriptName().isEmpty() ? f.name() : f.name() + " " + f.scriptName() + ":" + f.line());
    if (node.id() == id) {
      return true;
    }
    for (TraceNode child : node.children()) {
      if (find(traces, child, id, path)) {
        return true;
      }
    }
    path.remove(path.size() - 1);
    return false;
  }
}
