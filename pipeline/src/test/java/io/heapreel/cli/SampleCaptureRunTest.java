package io.heapreel.cli;

import static io.heapreel.cli.RunCommandTest.csvRows;
import static io.heapreel.cli.RunCommandTest.run;
import static io.heapreel.cli.RunCommandTest.table;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heapreel.model.testing.RealCaptures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated sample capture (with its firmware.elf and firmware.bin) through {@code run}: the
 * tables against what the generator itself recorded in expected/.
 */
class SampleCaptureRunTest {
  @TempDir Path tmp;

  @Test
  void tablesMatchTheGeneratorsOwnRecord() throws Exception {
    Path sample = RealCaptures.checkout().resolve("sample-dumps").resolve("small");
    Path expected = sample.resolve("expected");
    Path out = tmp.resolve("out");
    assertThat(run("--capture", sample.toString(), "--out", out.toString(), "--key-frames", "50")).isZero();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      assertThat(csvRows(db, "SELECT " + StatsCommand.HEADER + " FROM " + table(out, "snapshots") + " ORDER BY snapshot"))
          .containsExactlyElementsOf(body(expected.resolve("stats.csv")));
      assertThat(csvRows(db, "SELECT event, action, start_block, blocks FROM " + table(out, "events") + " ORDER BY event"))
          .containsExactlyElementsOf(body(expected.resolve("events.csv")));
      assertThat(csvRows(db,
              "SELECT start_block, blocks, start_event, coalesce(CAST(end_event AS VARCHAR), ''), coalesce(end_cause, '') FROM "
                  + table(out, "lifespans")))
          .containsExactlyInAnyOrderElementsOf(body(expected.resolve("lifespans.csv")));
      // key frames 0, 50, 100 and the last (119)
      assertThat(csvRows(db, "SELECT DISTINCT snapshot FROM " + table(out, "objects") + " ORDER BY snapshot"))
          .containsExactly("0", "50", "100", "119");
      // each object's allocation id is the start event of the generator's allocation at its block
      // that the snapshot shows: made at or before it, not ended before it; the newest when a
      // realloc at the snapshot's own event ends one and starts the next
      String generated = "read_csv('" + expected.resolve("lifespans.csv") + "', nullstr = '')";
      assertThat(csvRows(db,
              "SELECT count(*), count(o.allocation_id), count(*) FILTER (WHERE o.allocation_id IS DISTINCT FROM (SELECT max(g.start_event) FROM "
                  + generated + " g WHERE g.start_block = o.block AND g.start_event <= o.snapshot"
                  + " AND (g.end_event IS NULL OR g.end_event >= o.snapshot))) FROM " + table(out, "objects") + " o"))
          .first().satisfies(row -> {
            String[] f = row.split(",");
            assertThat(Long.parseLong(f[0])).isPositive();
            assertThat(f[1]).isEqualTo(f[0]);
            assertThat(f[2]).isEqualTo("0");
          });
      // the last snapshot's blocks that only their allocation site names (no owner points at them)
      // have the role the generator itself gave them
      Map<String, String> truth = new HashMap<>();
      for (JsonNode o : new ObjectMapper().readTree(expected.resolve("objects_last.json").toFile()).get("objects")) {
        String type = o.get("type").asText();
        truth.put(o.get("address").asText(), type.equals("raw") ? "raw:" + o.get("role").asText() : type);
      }
      List<String> named = csvRows(db, "SELECT address, type FROM " + table(out, "objects") + " WHERE snapshot = 119 AND type_source = 'site'");
      assertThat(named).isNotEmpty();
      for (String row : named) {
        String[] f = row.split(",");
        assertThat(f[1]).as(row).isEqualTo(truth.get(f[0]));
      }
    }
  }

  private static List<String> body(Path csv) throws Exception {
    List<String> lines = Files.readAllLines(csv);
    return lines.subList(1, lines.size());
  }
}
