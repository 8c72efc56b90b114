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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated 64-bit sample (8-byte words, 32-byte blocks, the map alone tells the word size)
 * through run, inspect and heapsnapshot, against what the generator recorded in expected/.
 */
class Sample64CaptureTest {
  private static final Path SAMPLE = RealCaptures.checkout().resolve("sample-dumps").resolve("small64");

  @TempDir Path tmp;

  @Test
  void runsTablesAndFramesMatchTheGeneratorsOwnRecord() throws Exception {
    Path expected = SAMPLE.resolve("expected");
    Path out = tmp.resolve("out");
    assertThat(run("--capture", SAMPLE.toString(), "--out", out.toString(), "--key-frames", "50", "--frames", "--quiet")).isZero();
    JsonNode heap = new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("heap");
    assertThat(heap.get("word_size").asInt()).isEqualTo(8);
    assertThat(heap.get("bytes_per_block").asInt()).isEqualTo(32);
    assertThat(heap.get("word_size_from").asText()).contains("elf64-littleriscv");
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      assertThat(csvRows(db, "SELECT " + StatsCommand.HEADER + " FROM " + table(out, "snapshots") + " ORDER BY snapshot"))
          .containsExactlyElementsOf(body(expected.resolve("stats.csv")));
      assertThat(csvRows(db, "SELECT event, action, start_block, blocks FROM " + table(out, "events") + " ORDER BY event"))
          .containsExactlyElementsOf(body(expected.resolve("events.csv")));
      assertThat(csvRows(db,
              "SELECT start_block, blocks, start_event, coalesce(CAST(end_event AS VARCHAR), ''), coalesce(end_cause, '') FROM "
                  + table(out, "lifespans")))
          .containsExactlyInAnyOrderElementsOf(body(expected.resolve("lifespans.csv")));
      // the last key frame's objects: the generator's types and roles, block by block
      Map<String, String> truth = new HashMap<>();
      JsonNode objects = new ObjectMapper().readTree(expected.resolve("objects_last.json").toFile());
      for (JsonNode o : objects.get("objects")) {
        String type = o.get("type").asText();
        truth.put(o.get("block").asText(), type.equals("raw") ? "raw:" + o.get("role").asText() : type);
      }
      List<String> rows = csvRows(db, "SELECT block, type, role FROM " + table(out, "objects") + " WHERE snapshot = 99 ORDER BY block");
      assertThat(rows).hasSize(truth.size());
      long agree = rows.stream().filter(r -> {
        String[] f = r.split(",");
        return truth.get(f[0]).equals(f[1].equals("raw") ? "raw:" + f[2] : f[1]);
      }).count();
      // a block the generator knows only from its allocation site may be unknown here (held by the C stack alone)
      assertThat(agree).isGreaterThanOrEqualTo(rows.size() - 2);
      // lifespans get their types at 8-byte words as at 4
      List<String> typed = csvRows(db, "SELECT count(type), count(*) FROM " + table(out, "lifespans"));
      String[] t = typed.get(0).split(",");
      assertThat(Double.parseDouble(t[0]) / Double.parseDouble(t[1])).isGreaterThan(0.9);
    }
    try (Stream<Path> frames = Files.list(out.resolve("frames"))) {
      assertThat(frames.filter(p -> p.toString().endsWith(".png")).count()).isEqualTo(100);
    }
  }

  @Test
  void inspectAndHeapsnapshotSayTheWordSizeAndCountTheOraclesObjects() throws Exception {
    String[] last = body(SAMPLE.resolve("expected/stats.csv")).get(99).split(",");
    CliRun inspect = CliRun.of("inspect", "--capture", SAMPLE.toString(), "--largest", "3");
    assertThat(inspect.exitCode()).as(inspect.err()).isZero();
    assertThat(inspect.out())
        .contains("word size 8 bytes (from the OUTPUT format elf64-littleriscv of firmware.map)")
        .contains("blocks of 32 bytes")
        .contains("at 8-byte words")
        .contains("Objects (layout micropython-v1.2x): " + last[1] + " allocations")
        .contains("Sensor")
        .contains("LogFile");
    Path out = tmp.resolve("last.heapsnapshot");
    CliRun export = CliRun.of("heapsnapshot", "--capture", SAMPLE.toString(), "--snapshot", "last", "--out", out.toString());
    assertThat(export.exitCode()).as(export.err()).isZero();
    assertThat(export.out()).contains(last[1] + " objects (" + Long.parseLong(last[3]) * 32 + " bytes)");
  }

  @Test
  void lifespansPrintProgramCountersAsWideAsTheMapsWords() throws Exception {
    Path json = tmp.resolve("lifespans.json");
    CliRun r = CliRun.of("lifespans", "--capture", SAMPLE.toString(), "--format", "json", "--out", json.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    // gdb pads a 64-bit target's program counters to 16 digits; the map's OUTPUT line says elf64
    assertThat(Files.readString(json)).containsPattern("0x[0-9a-f]{16}\\b").doesNotContainPattern("\"0x[0-9a-f]{8}\"");
  }

  private static List<String> body(Path csv) throws Exception {
    List<String> lines = Files.readAllLines(csv);
    return lines.subList(1, lines.size());
  }
}
