package io.heapreel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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

    Map<String, Integer> inspect = inspectObjectsByType(capture);
    JsonNode classes = dt.get("classes");
    for (Map.Entry<String, Integer> e : inspect.entrySet()) {
      switch (e.getKey()) {
        case "str" -> assertThat(classes.get("(string)").get("count").asInt()).as("str").isEqualTo(e.getValue());
        case "(not a built-in type)" -> assertThat(
                classes.get("(system)").get("count").asInt() + classes.get("instance").get("count").asInt())
            .as("raw blocks and instances").isEqualTo(e.getValue());
        default -> {
          assertThat(classes.has(e.getKey())).as("class %s in %s", e.getKey(), classes).isTrue();
          assertThat(classes.get(e.getKey()).get("count").asInt()).as(e.getKey()).isEqualTo(e.getValue());
        }
      }
    }
  }

  /**
   * Over a run of consecutive alloc events (reference_stats.csv's event_action), Comparison must
   * add exactly the objects whose head blocks those events name, and remove nothing but objects
   * that only changed class (allocated zeroed, typed later).
   */
  @Test
  void comparisonReportsTheObjectsAllocatedInBetween() throws IOException {
    Path capture = RealCaptures.dev();
    NodeConsumers consumers = NodeConsumers.installed();
    List<Map<String, String>> stats = ReferenceStats.read(RealCaptures.referenceFile("dev", "reference_stats.csv"));
    int[] run = ReferenceStats.longestAllocRun(stats);
    int from = run[0];
    int to = run[1];
    assertThat(to - from).isGreaterThanOrEqualTo(10);
    Set<Long> expected = new HashSet<>();
    for (int e = from + 1; e <= to; e++) {
      expected.add(SnapshotGraphMapper.objectId(Long.parseLong(stats.get(e).get("event_block"))));
    }
    JsonNode diff = consumers.diff(export(capture, String.valueOf(from)), export(capture, String.valueOf(to)));
    Set<Long> added = new HashSet<>();
    Set<Long> removed = new HashSet<>();
    for (JsonNode c : diff) {
      c.get("addedIds").forEach(id -> added.add(id.asLong()));
      c.get("removedIds").forEach(id -> removed.add(id.asLong()));
    }
    assertThat(added).containsAll(removed);
    added.removeAll(removed);
    assertThat(added).as("events %d..%d", from + 1, to).isEqualTo(expected);
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

  private static Map<String, Integer> inspectObjectsByType(Path capture) {
    CliRun run = CliRun.of("inspect", "--capture", capture.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    Map<String, Integer> counts = new HashMap<>();
    boolean inTable = false;
    for (String line : run.out().lines().toList()) {
      if (line.startsWith("Blocks by built-in type")) {
        inTable = true;
      } else if (inTable && line.isBlank()) {
        break;
      } else if (inTable && !line.trim().startsWith("type ")) {
        String[] cols = line.trim().split("\\s+");
        String name = String.join(" ", java.util.Arrays.copyOf(cols, cols.length - 3));
        counts.put(name, Integer.parseInt(cols[cols.length - 3]));
      }
    }
    assertThat(counts).isNotEmpty();
    return counts;
  }
}
