package io.heapreel.model.lifespan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapreel.model.gclog.Frame;
import io.heapreel.model.gclog.GcEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replay rules on hand-built events. */
class LifespanBuilderTest {
  private static final Frame GC_ALLOC = new Frame(0x9e8, "gc_alloc", "", "../../py/gc.c", 1024, null);
  private static final Frame M_MALLOC = new Frame(0x116, "m_malloc", "", "../../py/malloc.c", 86, null);
  private static final Frame LIST_NEW = new Frame(0x12e1e, "list_new", "", "../../py/objlist.c", 477, null);
  private static final Frame GC_FREE = new Frame(0xaaa, "gc_free", "", "../../py/gc.c", 1100, null);
  private static final Frame SWEEP = new Frame(0xbbb, "gc_sweep_free_blocks", "", "../../py/gc.c", 400, null);
  private static final Frame OLD_SWEEP = new Frame(0xbbb, "gc_sweep", "", "../../py/gc.c", 300, null);

  private static GcEvent event(long i, int block, int length, Frame... trace) {
    return new GcEvent(i, 0, block, length, List.of(trace), false);
  }

  @Test
  void actionsAndLifespansFollowGcActivityWithSweepsAndUnknownFreesApart() {
    List<Lifespan> out = new ArrayList<>();
    LifespanBuilder b = new LifespanBuilder(SiteRules.MICROPYTHON, out::add);
    assertThat(b.apply(event(0, 10, 2, GC_ALLOC, M_MALLOC, LIST_NEW))).isEqualTo(Action.ALLOC);
    assertThat(b.apply(event(1, 10, 3, GC_ALLOC))).isEqualTo(Action.REALLOC);
    assertThat(b.apply(event(2, 20, 0, GC_FREE))).isEqualTo(Action.FREE_UNKNOWN);
    assertThat(b.apply(event(3, 10, 0, SWEEP))).isEqualTo(Action.SWEEP);
    assertThat(b.apply(event(4, 30, 1, GC_ALLOC, LIST_NEW))).isEqualTo(Action.ALLOC);
    assertThat(b.apply(event(5, 30, 0, OLD_SWEEP))).isEqualTo(Action.SWEEP);
    assertThat(b.apply(event(6, 40, 4, GC_ALLOC, LIST_NEW))).isEqualTo(Action.ALLOC);
    assertThat(b.apply(event(7, 40, 0, GC_FREE))).isEqualTo(Action.FREE);
    assertThat(b.apply(event(8, 50, 1, GC_ALLOC))).isEqualTo(Action.ALLOC);
    b.finish();

    assertThat(out).extracting(Lifespan::startBlock, Lifespan::blocks, Lifespan::startEvent, Lifespan::endEvent, Lifespan::endCause)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(10, 2, 0L, 1L, Action.REALLOC),
            org.assertj.core.groups.Tuple.tuple(10, 3, 1L, 3L, Action.SWEEP),
            org.assertj.core.groups.Tuple.tuple(30, 1, 4L, 5L, Action.SWEEP),
            org.assertj.core.groups.Tuple.tuple(40, 4, 6L, 7L, Action.FREE),
            org.assertj.core.groups.Tuple.tuple(50, 1, 8L, Lifespan.ALIVE, null));
    assertThat(out.get(0).siteFrame()).isEqualTo(LIST_NEW);
    assertThat(out.get(0).endTrace()).containsExactly(GC_ALLOC);
    assertThat(out.get(4).site()).isEqualTo(-1);
    assertThat(out.get(4).alive()).isTrue();
  }

  @Test
  void theAllocatorFilesAreConfigurable() {
    SiteRules rules = new SiteRules(java.util.Set.of("gc.c", "malloc.c", "objlist.c"), SiteRules.MICROPYTHON.sweepFunctions());
    Frame caller = new Frame(0x1, "mp_init", "", "../../py/runtime.c", 144, null);
    List<Lifespan> out = LifespanBuilder.replay(List.of(event(0, 1, 1, GC_ALLOC, M_MALLOC, LIST_NEW, caller)), rules);
    assertThat(out.get(0).siteFrame()).isEqualTo(caller);
  }

  @Test
  void eventsOutOfOrderAreRefused() {
    LifespanBuilder b = new LifespanBuilder(SiteRules.MICROPYTHON, l -> { });
    b.apply(event(5, 1, 1, GC_ALLOC));
    assertThatThrownBy(() -> b.apply(event(5, 2, 1, GC_ALLOC))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theCallTreeFoldsAllocatorFramesAndSumsBlocksPerLocation() {
    Frame caller = new Frame(0x1, "mp_init", "", "../../py/runtime.c", 144, null);
    List<Lifespan> lifespans = LifespanBuilder.replay(List.of(
        event(0, 1, 2, GC_ALLOC, M_MALLOC, LIST_NEW, caller),
        event(1, 5, 3, GC_ALLOC, M_MALLOC, caller),
        event(2, 9, 7, GC_ALLOC, M_MALLOC, LIST_NEW, caller),
        event(3, 9, 0, GC_FREE)), SiteRules.MICROPYTHON);
    assertThat(CallTree.of(lifespans, null, true).toString()).isEqualTo(
        " ../../py/runtime.c:144 mp_init 5 blocks\n"
            + "  ../../py/objlist.c:477 list_new 2 blocks\n"
            + "5 total blocks\n");
    assertThat(CallTree.of(lifespans, 2L, true).totalBlocks()).isEqualTo(12);
    assertThat(CallTree.of(lifespans, null, false).toString()).contains("      ../../py/gc.c:1024 gc_alloc 2 blocks\n");
  }
}
