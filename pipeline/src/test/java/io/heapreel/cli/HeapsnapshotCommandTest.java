package io.heapreel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heapreel.model.export.SnapshotGraphMapper;
import io.heapreel.model.testing.NodeConsumers;
import io.heapreel.model.testing.RealCaptures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The heapsnapshot command on the real dev capture, read back by DevTools' own snapshot code. */
class HeapsnapshotCommandTest {
  @TempDir Path dir;

  private Path export(Path capture, String snapshot) {
    Path out = dir.resolve("heap_" + snapshot + ".heapsnapshot");
    CliRun run = CliRun.of("heapsnapshot", "--capture", capture.toString(), "--snapshot", snapshot, "--out", out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains(out.toString());
    return out;
  }

  @Test
  void lastSnapshotHasTheReferenceObjectsAndBytesAndInspectsClassCounts() throws IOException {
    Path capture = RealCaptures.dev();
    NodeConsumers consumers = NodeConsumers.installed();
    List<Map<String, String>> stats = ReferenceStats.read(RealCaptures.referenceFile("dev", "reference_stats.csv"));
    Map<String, String> last = stats.get(stats.size() - 1);
    JsonNode dt = consumers.facts(export(capture, "last"), false).get("devtools");

    int objects = 0;
    for (JsonNode c : dt.get("classes")) {
      objects += c.get("count").asInt();
    }
    assertThat(objects).as("objects = heads of reference_stats.csv").isEqualTo(Integer.parseInt(last.get("heads")));
    long allocatedBytes =
        16L * (Long.parseLong(last.get("allocated_blocks")) - Long.parseLong(last.get("orphan_tail_blocks")));
    assertThat(dt.get("totalSize").asLong()).as("bytes of all allocations").isEqualTo(allocatedBytes);

    Map<String, Integer> inspect = inspectJsonCounts(capture);
    JsonNode classes = dt.get("classes");
    int raw = 0;
    for (Map.Entry<String, Integer> e : inspect.entrySet()) {
      if (e.getKey().startsWith("raw:")) {
        raw += e.getValue();
        // a told role keeps its class; the allocation sites (the log) may name more blocks of it
        if (!e.getKey().equals("raw:unknown")) {
          assertThat(classes.get(e.getKey()).get("count").asInt()).as(e.getKey()).isGreaterThanOrEqualTo(e.getValue());
        }
        continue;
      }
      String name = e.getKey().equals("str") ? "(string)" : e.getKey();
      assertThat(classes.has(name)).as("class %s in %s", name, classes).isTrue();
      assertThat(classes.get(name).get("count").asInt()).as(name).isEqualTo(e.getValue());
    }
    // raw blocks are raw:ROLE classes, or (system) when neither an owner nor the site tells
    int rawClasses = classes.has("(system)") ? classes.get("(system)").get("count").asInt() : 0;
    for (var c : (Iterable<Map.Entry<String, JsonNode>>) classes::fields) {
      rawClasses += c.getKey().startsWith("raw:") ? c.getValue().get("count").asInt() : 0;
    }
    assertThat(rawClasses).as("raw blocks").isEqualTo(raw);
    assertThat(classes.has("(array)")).isFalse();
  }

  /** dict_main's table (root mp_state_ctx+104) holds workload.py's globals as properties named by their key. */
  @Test
  void globalsArePropertiesOfDictMainsTableUnderItsRootSymbolAndGarbageIsUnderUnreachable() {
    Path capture = RealCaptures.dev();
    JsonNode ml = NodeConsumers.installed().facts(export(capture, "last"), true).get("memlab");
    Map<Long, JsonNode> byId = new HashMap<>();
    JsonNode root = null;
    for (JsonNode n : ml.get("nodes")) {
      byId.put(n.get("id").asLong(), n);
      if (n.get("name").asText().equals("mp_state_ctx+104")) {
        root = n;
      }
    }
    assertThat(root).as("a root node named mp_state_ctx+104").isNotNull();
    JsonNode table = byId.get(root.get("references").get(0).get("to").asLong());
    assertThat(table.get("name").asText()).isEqualTo("raw:map_table");
    Map<String, String> globals = new HashMap<>();
    for (JsonNode e : table.get("references")) {
      if (e.get("type").asText().equals("property")) {
        globals.put(e.get("name").asText(), byId.get(e.get("to").asLong()).get("name").asText());
      }
    }
    // workload.py: settings = json.load(...), class Sensor, registry = OrderedDict(), sensors = [...],
    // bdev = RAMBlockDev(128, 24), ring = RingBuffer(96), logfile = open("/log.txt", "w")
    assertThat(globals)
        .containsEntry("settings", "dict")
        .containsEntry("Sensor", "type")
        .containsEntry("registry", "ordereddict")
        .containsEntry("sensors", "list")
        .containsEntry("bdev", "RAMBlockDev")
        .containsEntry("ring", "RingBuffer")
        .containsEntry("logfile", "vfs_lfs2_textio");

    // what only the (unreachable) node leads to is what inspect --json counts as unreachable
    Set<Long> seen = new HashSet<>();
    java.util.ArrayDeque<Long> pending = new java.util.ArrayDeque<>();
    for (JsonNode e : ml.get("nodes").get(0).get("references")) {
      if (!e.get("name").asText().equals("(unreachable)")) {
        pending.add(e.get("to").asLong());
      }
    }
    while (!pending.isEmpty()) {
      long id = pending.pop();
      if (seen.add(id)) {
        byId.get(id).get("references").forEach(e -> pending.add(e.get("to").asLong()));
      }
    }
    long unreachable = byId.values().stream()
        .filter(n -> !n.get("type").asText().equals("synthetic") && !seen.contains(n.get("id").asLong()))
        .count();
    assertThat(unreachable).isEqualTo(inspectJson(capture).get("counts").get("unreachable").asLong());
  }

  /**
   * Over a run of consecutive alloc events (reference_stats.csv's event_action), Comparison must
   * add exactly the objects those events allocated (their ids are the events) and remove nothing
   * but objects that only changed class (allocated zeroed, typed later); each added object's
   * allocation stack starts at the site of its event's backtrace in mylog.txt.
   */
  @Test
  void comparisonReportsTheObjectsAllocatedInBetweenWithTheirStacks() throws IOException {
    Path capture = RealCaptures.dev();
    NodeConsumers consumers = NodeConsumers.installed();
    List<Map<String, String>> stats = ReferenceStats.read(RealCaptures.referenceFile("dev", "reference_stats.csv"));
    int[] run = ReferenceStats.longestAllocRun(stats);
    int from = run[0];
    int to = run[1];
    assertThat(to - from).isGreaterThanOrEqualTo(10);
    Map<Long, Integer> expected = new HashMap<>();
    for (int e = from + 1; e <= to; e++) {
      expected.put(SnapshotGraphMapper.objectId(e), e);
    }
    Path next = export(capture, String.valueOf(to));
    JsonNode diff = consumers.diff(export(capture, String.valueOf(from)), next);
    Set<Long> added = new HashSet<>();
    Set<Long> removed = new HashSet<>();
    for (JsonNode c : diff) {
      c.get("addedIds").forEach(id -> added.add(id.asLong()));
      c.get("removedIds").forEach(id -> removed.add(id.asLong()));
    }
    assertThat(added).containsAll(removed);
    added.removeAll(removed);
    assertThat(added).as("events %d..%d", from + 1, to).isEqualTo(expected.keySet());

    List<String> sites = LogSites.read(RealCaptures.referenceFile("dev", "mylog.txt"));
    for (JsonNode n : consumers.facts(next, true).get("devtools").get("nodes")) {
      Integer event = expected.get(n.get("id").asLong());
      if (event != null) {
        assertThat(n.get("stack").get(0).asText()).as("stack of the object of event %d", event).isEqualTo(sites.get(event));
      }
    }
  }

  /** Across collections (frees and sweeps), the net change Comparison reports is the change in heads. */
  @Test
  void comparisonAcrossACollectionNetsTheReferenceHeadCounts() throws IOException {
    Path capture = RealCaptures.dev();
    NodeConsumers consumers = NodeConsumers.installed();
    List<Map<String, String>> stats = ReferenceStats.read(RealCaptures.referenceFile("dev", "reference_stats.csv"));
    int from = 1400;
    int to = 1600;
    JsonNode diff = consumers.diff(export(capture, String.valueOf(from)), export(capture, String.valueOf(to)));
    int net = 0;
    int removed = 0;
    for (JsonNode c : diff) {
      net += c.get("added").asInt() - c.get("removed").asInt();
      removed += c.get("removed").asInt();
    }
    assertThat(removed).as("the collection freed objects").isGreaterThan(0);
    assertThat(net).isEqualTo(Integer.parseInt(stats.get(to).get("heads")) - Integer.parseInt(stats.get(from).get("heads")));
  }

  @Test
  void aSnapshotBeyondTheCaptureIsAUserError() {
    Path capture = RealCaptures.dev();
    CliRun run = CliRun.of("heapsnapshot", "--capture", capture.toString(), "--snapshot", "5000", "--out", dir.resolve("x.heapsnapshot").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no snapshot 5000").doesNotContain("\tat ");
    assertThat(dir.resolve("x.heapsnapshot")).doesNotExist();
  }

  @Test
  void anUnwritableOutputIsAUserError() throws IOException {
    Path capture = RealCaptures.dev();
    Path file = Files.writeString(dir.resolve("plain-file"), "x");
    CliRun run = CliRun.of("heapsnapshot", "--capture", capture.toString(), "--out", file.resolve("x.heapsnapshot").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("cannot write").doesNotContain("\tat ");
  }

  private static JsonNode inspectJson(Path capture) {
    CliRun run = CliRun.of("inspect", "--capture", capture.toString(), "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    try {
      return new ObjectMapper().readTree(run.out());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Objects per type in inspect --json (raw blocks as raw:ROLE), the objects branch's own view. */
  private static Map<String, Integer> inspectJsonCounts(Path capture) {
    Map<String, Integer> counts = new HashMap<>();
    for (JsonNode o : inspectJson(capture).get("objects")) {
      String type = o.get("type").asText();
      counts.merge(type.equals("raw") ? "raw:" + o.get("role").asText() : type, 1, Integer::sum);
    }
    assertThat(counts).isNotEmpty();
    return counts;
  }
}
