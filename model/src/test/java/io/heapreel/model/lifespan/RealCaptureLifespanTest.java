package io.heapreel.model.lifespan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.heapreel.model.export.AllocationHistoryWriter;
import io.heapreel.model.testing.RealCaptures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dev capture's log against what gc_activity.py made of it (allocation_history.json, gc_activity.out). */
class RealCaptureLifespanTest {
  private static LogReplay replay;

  @BeforeAll
  static void replay() {
    replay = LogReplay.read(RealCaptures.referenceFile("dev", "mylog.txt"), SiteRules.MICROPYTHON);
  }

  @Test
  void theLogIsCleanAndCountsMatchTheNotes() {
    assertThat(replay.summary().records()).isEqualTo(2737);
    assertThat(replay.summary().events()).isEqualTo(2737);
    assertThat(replay.damage()).isEmpty();
    assertThat(replay.summary().damage()).isZero();
    assertThat(replay.summary().hook().function()).isEqualTo("gc_log_change");
    assertThat(replay.summary().endHit()).contains("Breakpoint 2, main");
    // NOTES.md: event kinds (log replay): alloc 1270, realloc 561, free 348, sweep 558
    assertThat(replay.actions())
        .isEqualTo(Map.of(Action.ALLOC, 1270L, Action.REALLOC, 561L, Action.FREE, 348L, Action.SWEEP, 558L));
  }

  @Test
  void allocationHistoryEqualsGcActivityWithSweepsNamed() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode expected = mapper.readTree(RealCaptures.referenceFile("dev", "allocation_history.json").toFile());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new AllocationHistoryWriter(4).write(replay.lifespans(), replay.records(), out);
    JsonNode actual = mapper.readTree(out.toByteArray());

    assertThat(actual.size()).isEqualTo(expected.size()).isEqualTo(1831);
    List<String> mismatches = new ArrayList<>();
    int sweeps = 0;
    for (int i = 0; i < expected.size(); i++) {
      ObjectNode ours = (ObjectNode) actual.get(i).deepCopy();
      if (ours.path("end_cause").asText().equals("sweep")) {
        // the one documented difference: gc_activity.py knows only "gc_sweep" and says "free"
        assertThat(ours.get("end_trace").get(0).get(2).asText()).isEqualTo("gc_sweep_free_blocks");
        ours.put("end_cause", "free");
        sweeps++;
      }
      if (!ours.equals(expected.get(i)) && mismatches.size() < 5) {
        mismatches.add(i + ": " + ours + "\n   expected " + expected.get(i));
      }
    }
    assertThat(mismatches).isEmpty();
    assertThat(sweeps).isEqualTo(558);
  }

  @Test
  void callTreeAtTheEndEqualsGcActivityOut() throws IOException {
    List<String> out = Files.readAllLines(RealCaptures.referenceFile("dev", "gc_activity.out"));
    List<String> tree = out.subList(out.indexOf("") + 1, out.size());
    assertThat(tree.get(tree.size() - 1)).isEqualTo("1038 total blocks");

    CallTree full = CallTree.of(replay.lifespans(), null, false);
    assertThat(full.totalBlocks()).isEqualTo(1038);
    assertThat(full.toString().lines().toList()).isEqualTo(tree);

    // the allocator folded: gc.c's and malloc.c's lines, and those of py/obj.c's mp_obj_malloc_helper and
    // mp_obj_malloc_with_finaliser_helper (whose only children are theirs)
    List<String> withoutAllocator = tree.stream()
        .filter(l -> !l.contains("/py/gc.c:") && !l.contains("/py/malloc.c:") && !l.contains(" mp_obj_malloc_"))
        .toList();
    assertThat(CallTree.of(replay.lifespans(), null, true).toString().lines().toList()).isEqualTo(withoutAllocator);
  }

  @Test
  void callTreeAtTheLastEventIsTheTreeAtTheEnd() {
    assertThat(CallTree.of(replay.lifespans(), 2736L, true).toString())
        .isEqualTo(CallTree.of(replay.lifespans(), null, true).toString());
  }

  @Test
  void eachStartBlockReplayedAloneGivesTheSameLifespans() {
    List<io.heapreel.model.gclog.GcEvent> events = new ArrayList<>();
    io.heapreel.model.gclog.GcLogParser.parse(RealCaptures.referenceFile("dev", "mylog.txt"), events::add);
    Map<Integer, List<io.heapreel.model.gclog.GcEvent>> byBlock = new java.util.TreeMap<>();
    events.forEach(e -> byBlock.computeIfAbsent(e.startBlock(), b -> new ArrayList<>()).add(e));
    List<Lifespan> perBlock = new ArrayList<>();
    byBlock.values().forEach(list -> perBlock.addAll(LifespanBuilder.replay(list, SiteRules.MICROPYTHON)));
    assertThat(perBlock).containsExactlyInAnyOrderElementsOf(replay.lifespans());
  }
}
