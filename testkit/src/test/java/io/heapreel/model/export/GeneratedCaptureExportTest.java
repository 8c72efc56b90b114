package io.heapreel.model.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heapreel.model.open.Capture;
import io.heapreel.testkit.generate.CaptureGenerator;
import io.heapreel.testkit.generate.GeneratorConfig;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.objects.ObjectInspector;
import io.heapreel.model.testing.NodeConsumers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated capture (with firmware.bin, so ROM qstrs and types resolve) exported and read back
 * by DevTools' snapshot code, against the generator's own bookkeeping in {@code expected/}.
 */
class GeneratedCaptureExportTest {
  @TempDir static Path dir;
  static Path capture;
  @BeforeAll
  static void generate() {
    capture = dir.resolve("gen");
    new CaptureGenerator(new GeneratorConfig(1500, 16, 7, 4), (s, t, b) -> {}).generate(capture, false);
  }

  private static Path export(long snapshot) {
    Path out = dir.resolve("heap_" + snapshot + ".heapsnapshot");
    try (Capture c = Capture.open(capture)) {
      LogAllocations.Read log = LogAllocations.read(c.files().requireLog(), SiteRules.MICROPYTHON, c.heap(), List.of(snapshot));
      HeapSnapshotExport.withLog(c, ObjectInspector.of(c), log.bySnapshot(), SiteRules.MICROPYTHON).write(snapshot, out);
    }
    return out;
  }

  @Test
  void classCountsOfTheLastSnapshotAreTheGeneratorsTypes() throws IOException {
    JsonNode truth = new ObjectMapper().readTree(capture.resolve("expected/objects_last.json").toFile());
    List<String[]> events = rows(capture.resolve("expected/events.csv"));
    String[] last = events.get(events.size() - 1);
    Map<String, Integer> types = new HashMap<>();
    for (JsonNode o : truth.get("objects")) {
      // the snapshot of an alloc event shows the new object all zero (the capture's timing rules):
      // nothing tells its type yet, so it is a raw block
      boolean zeroed = last[1].equals("alloc") && o.get("block").asText().equals(last[2]);
      types.merge(zeroed ? "raw" : o.get("type").asText(), 1, Integer::sum);
    }
    JsonNode classes = NodeConsumers.installed().facts(export(truth.get("snapshot").asLong()), false).get("devtools").get("classes");
    int raw = types.remove("raw");
    // raw blocks are classes of their own, raw:ROLE (by the owner or the allocation site), or (system)
    int rawClasses = classes.has("(system)") ? classes.get("(system)").get("count").asInt() : 0;
    for (var c : (Iterable<Map.Entry<String, JsonNode>>) classes::fields) {
      rawClasses += c.getKey().startsWith("raw:") ? c.getValue().get("count").asInt() : 0;
    }
    assertThat(rawClasses).isEqualTo(raw);
    assertThat(classes.has("(array)")).isFalse();
    for (Map.Entry<String, Integer> t : types.entrySet()) {
      String name = t.getKey().equals("str") ? "(string)" : t.getKey();
      assertThat(classes.has(name)).as("class %s in %s", name, classes).isTrue();
      assertThat(classes.get(name).get("count").asInt()).as(name).isEqualTo(t.getValue());
    }
  }

  /**
   * Between two snapshots taken at alloc events (so nothing ends exactly there), Comparison adds
   * the allocations present in the second and not the first and removes the converse, by the
   * generator's lifespans.csv, with an in-place realloc continuing the allocation it resized.
   */
  @Test
  void comparisonFollowsTheGeneratorsLifespans() throws IOException {
    List<String[]> events = rows(capture.resolve("expected/events.csv"));
    long from = firstAllocAtOrAfter(events, events.size() / 2);
    long to = lastAllocAtOrBefore(events, events.size() - 1);
    Map<String, Long> keys = new HashMap<>();
    Set<Long> atFrom = new HashSet<>();
    Set<Long> atTo = new HashSet<>();
    List<String[]> lifespans = rows(capture.resolve("expected/lifespans.csv"));
    lifespans.sort((x, y) -> Long.compare(Long.parseLong(x[2]), Long.parseLong(y[2])));
    Map<String, Long> resized = new HashMap<>();
    for (String[] l : lifespans) {
      long start = Long.parseLong(l[2]);
      Long inherited = resized.get(l[0] + "@" + start);
      long key = inherited != null ? inherited : start;
      if (l[4].equals("realloc")) {
        resized.put(l[0] + "@" + l[3], key);
      }
      long end = l[3].isEmpty() ? Long.MAX_VALUE : Long.parseLong(l[3]);
      for (long s : new long[] {from, to}) {
        if (start <= s && s < end) {
          (s == from ? atFrom : atTo).add(SnapshotGraphMapper.objectId(key));
        }
      }
    }
    Set<Long> expectedAdded = new HashSet<>(atTo);
    expectedAdded.removeAll(atFrom);
    Set<Long> expectedRemoved = new HashSet<>(atFrom);
    expectedRemoved.removeAll(atTo);
    assertThat(expectedAdded).isNotEmpty();
    assertThat(expectedRemoved).isNotEmpty();

    JsonNode diff = NodeConsumers.installed().diff(export(from), export(to));
    Set<Long> added = new HashSet<>();
    Set<Long> removed = new HashSet<>();
    for (JsonNode c : diff) {
      c.get("addedIds").forEach(id -> added.add(id.asLong()));
      c.get("removedIds").forEach(id -> removed.add(id.asLong()));
    }
    Set<Long> reclassified = new HashSet<>(added);
    reclassified.retainAll(removed);
    added.removeAll(reclassified);
    removed.removeAll(reclassified);
    assertThat(added).as("added between %d and %d", from, to).isEqualTo(expectedAdded);
    assertThat(removed).as("removed between %d and %d", from, to).isEqualTo(expectedRemoved);
  }

  private static long firstAllocAtOrAfter(List<String[]> events, int i) {
    while (!events.get(i)[1].equals("alloc")) {
      i++;
    }
    return i;
  }

  private static long lastAllocAtOrBefore(List<String[]> events, int i) {
    while (!events.get(i)[1].equals("alloc")) {
      i--;
    }
    return i;
  }

  private static List<String[]> rows(Path csv) throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
      rows.add(line.split(",", -1));
    }
    return rows;
  }
}
