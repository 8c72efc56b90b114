package io.heapreel.model.lifespan;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.gclog.Frame;
import io.heapreel.model.gclog.GcEvent;
import io.heapreel.model.types.TypeSource;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which snapshot each lifespan is typed from, on hand-built events. */
class TypedLifespansTest {
  private static GcEvent event(long i, int block, int length) {
    return new GcEvent(i, 0, block, length, List.of(), false);
  }

  /** Types as "block@snapshot", and the questions asked. */
  private static final class Recorder implements AllocationTyper {
    final List<String> asked = new ArrayList<>();

    @Override
    public String typeAt(long snapshot, int startBlock) {
      asked.add(startBlock + "@" + snapshot);
      return startBlock == 99 ? null : startBlock + "@" + snapshot;
    }
  }

  private static List<String> replay(Recorder typer, long snapshots, int grid, GcEvent... events) {
    List<String> out = new ArrayList<>();
    TypedLifespans replay = new TypedLifespans(SiteRules.MICROPYTHON, typer, snapshots, grid,
        t -> out.add(t.lifespan().startBlock() + ":" + t.lifespan().startEvent() + "=" + t.type()));
    for (GcEvent e : events) {
      replay.apply(e);
    }
    replay.finish();
    return out;
  }

  @Test
  void allocationsAliveAtAGridSnapshotShareItAndShortOnesUseTheirOwn() {
    Recorder typer = new Recorder();
    List<String> out = replay(typer, 20, 4,
        event(0, 1, 1),   // alive at 4: typed there
        event(1, 2, 1),   // freed at 2: before the grid snapshot 4, so its own (1 + 1 = end: the end event's snapshot)
        event(2, 2, 0),
        event(3, 3, 1),   // freed at 6: alive at 4, typed there
        event(4, 5, 1),   // made at 4: not typed at 4 (still zero there); freed at 7: typed at 6 (end - 1)
        event(5, 6, 1),   // freed at 8 by the grid event itself: typed at 7, before its end
        event(6, 3, 0),
        event(7, 5, 0),
        event(8, 6, 0),
        event(9, 7, 1));  // alive at the end: the last snapshot (19)
    assertThat(out).containsExactly("2:1=2@2", "3:3=3@4", "5:4=5@6", "6:5=6@7", "1:0=1@4", "7:9=7@19");
    assertThat(typer.asked).containsExactly("2@2", "1@4", "3@4", "5@6", "6@7", "7@19");
  }

  @Test
  void anAllocationNotTypedYetIsTriedAgainLater() {
    Recorder typer = new Recorder();
    List<String> out = replay(typer, 10, 2, event(0, 99, 1), event(1, 1, 1), event(2, 1, 0), event(3, 2, 1), event(4, 99, 0));
    // 99 is not typed at 2; at 4 it is the event's own block (its end): typed at 3, before its end
    assertThat(out).containsExactly("1:1=1@2", "99:0=null", "2:3=2@4");
    assertThat(typer.asked).containsExactly("99@2", "1@2", "2@4", "99@3");
  }

  @Test
  void snapshotsOutsideTheCaptureAreNotAsked() {
    Recorder typer = new Recorder();
    List<String> out = replay(typer, 3, 2, event(0, 1, 1), event(1, 2, 1), event(2, 3, 1), event(3, 4, 1), event(4, 5, 1));
    assertThat(out).containsExactly("1:0=1@2", "2:1=2@2", "3:2=null", "4:3=null", "5:4=null");
  }

  @Test
  void theSnapshotOfAnEventShowsWhatWasLiveAndWhatItMakes() {
    TypedLifespans replay = new TypedLifespans(SiteRules.MICROPYTHON, new Recorder(), 10, 4, t -> {});
    replay.apply(event(0, 8, 1));
    replay.apply(event(1, 3, 2));
    LiveAllocations beforeFree = replay.shownAt(event(2, 8, 0));
    assertThat(beforeFree.startBlocks()).containsExactly(3, 8);
    assertThat(beforeFree.allocationIds()).containsExactly(1, 0);
    replay.apply(event(2, 8, 0));
    LiveAllocations atRealloc = replay.shownAt(event(3, 3, 4));
    assertThat(atRealloc.startBlocks()).containsExactly(3);
    assertThat(atRealloc.allocationAt(3)).isEqualTo(3L);
    assertThat(atRealloc.allocationAt(8)).isNull();
  }

  private static GcEvent allocatedBy(long i, int block, String function) {
    List<Frame> trace = List.of(
        new Frame(0x9e8, "gc_alloc", "", "../../py/gc.c", 1024, null),
        new Frame(0x116, "m_malloc", "", "../../py/malloc.c", 86, null),
        new Frame(0x200, function, "", "../../py/somewhere.c", 10, null));
    return new GcEvent(i, 0, block, 1, trace, false);
  }

  @Test
  void theSiteNamesOnlyWhatTheMemoryLeavesUnknown() {
    Map<Integer, String> memory = Map.of(1, "raw:unknown", 2, "raw:map_table", 3, "dict", 4, "raw:unknown");
    AllocationTyper typer = (snapshot, block) -> memory.get(block);
    SiteRules rules = new SiteRules(SiteRules.MICROPYTHON.allocatorFiles(), SiteRules.MICROPYTHON.allocatorFunctions(),
        SiteRules.MICROPYTHON.sweepFunctions(), SiteRoles.NONE.with("parser_alloc parse_chunk\nmp_map_rehash list_items\nmp_obj_new_dict map_table\n", "test"));
    List<String> out = new ArrayList<>();
    TypedLifespans replay = new TypedLifespans(rules, typer, 10, 4, t -> out.add(t.lifespan().startBlock() + "=" + t.type() + "/" + t.source()));
    replay.apply(allocatedBy(0, 1, "parser_alloc"));
    replay.apply(allocatedBy(1, 2, "mp_map_rehash"));
    replay.apply(allocatedBy(2, 3, "mp_obj_new_dict"));
    replay.apply(allocatedBy(3, 4, "vstr_init"));
    replay.finish();
    assertThat(out).containsExactlyInAnyOrder(
        "1=raw:parse_chunk/site", "2=raw:map_table/owner", "3=dict/memory", "4=raw:unknown/null");
    assertThat(TypeSource.SITE.label()).isEqualTo("site");
  }
}
