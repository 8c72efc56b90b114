package io.heapreel.testkit.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heapreel.model.open.Capture;
import io.heapreel.model.heap.HeapLocation;
import io.heapreel.model.heap.HeapStats;
import io.heapreel.model.lifespan.Lifespan;
import io.heapreel.model.lifespan.LogReplay;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.objects.HeapObject;
import io.heapreel.model.objects.ObjectInspector;
import io.heapreel.model.objects.ObjectSnapshot;
import io.heapreel.model.render.FrameEvent;
import io.heapreel.model.render.FrameEvents;
import io.heapreel.model.verify.CaptureVerifier;
import io.heapreel.model.verify.VerifyReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated split heap (two areas, as MICROPY_GC_SPLIT_HEAP makes) against the generator's own
 * bookkeeping in expected/: the areas found, every snapshot's figures, the log's lifespans in
 * heap blocks, the last snapshot's objects in both areas, and the log checked against the dumps.
 */
class GeneratedSplitHeapTest {
  static final long SNAPSHOTS = 1500;

  @TempDir static Path temp;
  static Path folder;
  static Capture capture;

  @BeforeAll
  static void generate() {
    folder = temp.resolve("split");
    new CaptureGenerator(new GeneratorConfig(SNAPSHOTS, 8, 4, 4, true), (d, t, b) -> {}).generate(folder, false);
    capture = Capture.open(folder);
  }

  @AfterAll
  static void close() {
    capture.close();
  }

  @Test
  void theHeapHasTwoAreasFoundByTheirDescriptors() {
    HeapLocation heap = capture.heap();
    assertThat(heap.method()).isEqualTo(HeapLocation.Method.AREA_DESCRIPTOR);
    assertThat(heap.areas()).hasSize(2);
    assertThat(heap.areas().get(0).poolEnd()).isLessThan(heap.areas().get(1).atbStart());
  }

  @Test
  void everySnapshotsFiguresAreTheSimulatorsOwn() throws IOException {
    List<String> expected = Files.readAllLines(folder.resolve("expected/stats.csv"));
    assertThat(capture.snapshots().count()).isEqualTo(SNAPSHOTS).isEqualTo(expected.size() - 1);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < SNAPSHOTS; i++) {
      HeapStats s = capture.decoder().stats(capture.snapshots().snapshot(i));
      String row = i + "," + s.objects() + "," + s.marked() + "," + s.allocatedBlocks() + "," + s.tailBlocks() + ","
          + s.orphanTailBlocks() + "," + s.freeBlocks() + "," + s.largestFreeBlocks() + "," + s.freeRuns() + "," + s.finaliserBlocks();
      if (!row.equals(expected.get(i + 1)) && mismatches.size() < 5) {
        mismatches.add("decoded " + row + " expected " + expected.get(i + 1));
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void theLogsLifespansAreTheSimulatorsInHeapBlocksOfBothAreas() throws IOException {
    LogReplay replay = LogReplay.read(folder.resolve("mylog.txt"), SiteRules.MICROPYTHON);
    List<String> got = new ArrayList<>();
    for (Lifespan l : replay.lifespans()) {
      got.add(l.startBlock() + "," + l.blocks() + "," + l.startEvent() + ","
          + (l.alive() ? "" : l.endEvent()) + "," + (l.alive() ? "" : l.endCause().label()));
    }
    List<String> expected = Files.readAllLines(folder.resolve("expected/lifespans.csv"));
    assertThat(got).containsExactlyInAnyOrderElementsOf(expected.subList(1, expected.size()));
    HeapLocation heap = capture.heap();
    int secondArea = heap.heapBlock(1, 0);
    assertThat(replay.lifespans()).as("allocations in the second area").anyMatch(l -> l.startBlock() >= secondArea);
    for (Lifespan l : replay.lifespans()) {
      assertThat(heap.areaOf(l.startBlock())).as("lifespan at block %d", l.startBlock()).isNotNegative();
      assertThat(heap.areaOf(l.startBlock() + l.blocks() - 1)).isEqualTo(heap.areaOf(l.startBlock()));
    }
  }

  @Test
  void theLastSnapshotsObjectsAreTheSimulatorsInBothAreas() throws IOException {
    JsonNode truth = new ObjectMapper().readTree(folder.resolve("expected/objects_last.json").toFile());
    Map<Long, JsonNode> byAddress = new HashMap<>();
    for (JsonNode o : truth.get("objects")) {
      byAddress.put(o.get("address").asLong(), o);
    }
    ObjectSnapshot last = ObjectInspector.of(capture).inspect(capture.snapshots().snapshot(SNAPSHOTS - 1));
    assertThat(last.objects()).hasSize(byAddress.size());
    int inSecond = 0;
    for (HeapObject o : last.objects()) {
      JsonNode t = byAddress.get(o.address());
      assertThat(t).as("an object at 0x%x", o.address()).isNotNull();
      assertThat(o.block()).as("heap block of 0x%x", o.address()).isEqualTo(t.get("block").asInt());
      assertThat(o.blocks()).isEqualTo(t.get("blocks").asInt());
      inSecond += capture.heap().areaOf(o.block()) == 1 ? 1 : 0;
    }
    assertThat(inSecond).as("objects in the second area").isGreaterThan(10);
  }

  @Test
  void frameCaptionsPlaceEachEventInItsAreasBand() throws IOException {
    Map<Long, FrameEvent> captions = FrameEvents.read(folder.resolve("mylog.txt"), SiteRules.MICROPYTHON, capture.heap(), s -> true);
    HeapLocation heap = capture.heap();
    // the second area's first heap block, from the pools the descriptors give
    int second = (int) ((heap.areas().get(1).poolStart() - heap.areas().get(0).poolStart()) / heap.bytesPerBlock());
    List<String> events = Files.readAllLines(folder.resolve("expected/events.csv"));
    int inSecond = 0;
    for (String row : events.subList(1, events.size())) {
      String[] f = row.split(",");
      FrameEvent e = captions.get(Long.parseLong(f[0]));
      int block = Integer.parseInt(f[2]);
      assertThat(e.area()).as(row).isEqualTo(block >= second ? 1 : 0);
      assertThat(e.startBlock()).as(row).isEqualTo(block >= second ? block - second : block);
      inSecond += block >= second ? 1 : 0;
    }
    assertThat(inSecond).isGreaterThan(20);
  }

  @Test
  void theLogAndTheDumpsHoldTogetherInBothAreas() {
    VerifyReport report = CaptureVerifier.verify(capture, folder.resolve("mylog.txt"), SiteRules.MICROPYTHON);
    assertThat(report.holdsTogether()).as(report.toString()).isTrue();
    assertThat(report.checked()).isEqualTo(SNAPSHOTS);
  }
}
