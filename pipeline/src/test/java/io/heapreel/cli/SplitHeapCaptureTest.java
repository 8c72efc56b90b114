package io.heapreel.cli;

import static io.heapreel.cli.RunCommandTest.csvRows;
import static io.heapreel.cli.RunCommandTest.run;
import static io.heapreel.cli.RunCommandTest.table;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated split heap (two areas, {@code generate --split-heap}) through every command, against
 * the generator's own bookkeeping in expected/: block numbers are heap blocks (counted from the
 * first pool start, as the capture hook logs them) in the tables, the lifespans and the oracle alike.
 */
class SplitHeapCaptureTest {
  private static final int SNAPSHOTS = 1200;
  private static final int BYTES_PER_BLOCK = 16;

  @TempDir static Path tmp;
  static Path capture;
  static Path expected;

  @BeforeAll
  static void generate() throws Exception {
    capture = tmp.resolve("split");
    CliRun g = CliRun.of("generate", "--out", capture.toString(), "--snapshots", Integer.toString(SNAPSHOTS), "--heap-kib", "8",
        "--seed", "4", "--split-heap");
    assertThat(g.exitCode()).as(g.err()).isZero();
    expected = capture.resolve("expected");
  }

  @Test
  void runsTablesFramesAndHeapsnapshotsMatchTheGeneratorsOwnRecord() throws Exception {
    Path out = tmp.resolve("out");
    assertThat(run("--capture", capture.toString(), "--out", out.toString(), "--key-frames", "last", "--frames",
        "--frame-range", (SNAPSHOTS - 4) + "-", "--heapsnapshots", "last", "--quiet")).isZero();
    assertThat(new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("heap").get("areas")).hasSize(2);
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      String[] areas = csvRows(db, "SELECT heap_areas, areas[1].pool_start, areas[2].pool_start FROM " + table(out, "capture")).get(0).split(",");
      assertThat(areas[0]).isEqualTo("2");
      long secondPool = Long.parseLong(areas[2]);
      int secondArea = (int) ((secondPool - Long.parseLong(areas[1])) / BYTES_PER_BLOCK);
      assertThat(csvRows(db, "SELECT " + StatsCommand.HEADER + " FROM " + table(out, "snapshots") + " ORDER BY snapshot"))
          .containsExactlyElementsOf(body(expected.resolve("stats.csv")));
      assertThat(csvRows(db, "SELECT event, action, start_block, blocks FROM " + table(out, "events") + " ORDER BY event"))
          .containsExactlyElementsOf(body(expected.resolve("events.csv")));
      assertThat(csvRows(db,
              "SELECT start_block, blocks, start_event, coalesce(CAST(end_event AS VARCHAR), ''), coalesce(end_cause, '') FROM "
                  + table(out, "lifespans")))
          .containsExactlyInAnyOrderElementsOf(body(expected.resolve("lifespans.csv")));
      // addresses of heap blocks in the second area: its own pool start plus its own block
      assertThat(csvRows(db, "SELECT count(*) FROM " + table(out, "lifespans") + " WHERE start_block >= " + secondArea
          + " AND address <> " + secondPool + " + (start_block - " + secondArea + ") * " + BYTES_PER_BLOCK))
          .containsExactly("0");
      assertThat(csvRows(db, "SELECT count(*) > 20 FROM " + table(out, "lifespans") + " WHERE start_block >= " + secondArea))
          .containsExactly("true");
      // the last snapshot's objects: the generator's blocks, and an allocation id from the log in both areas
      Map<String, String> truth = new HashMap<>();
      for (JsonNode o : new ObjectMapper().readTree(expected.resolve("objects_last.json").toFile()).get("objects")) {
        truth.put(o.get("block").asText(), o.get("blocks").asText() + "," + o.get("address").asText());
      }
      List<String> rows = csvRows(db, "SELECT block, blocks, address FROM " + table(out, "objects") + " WHERE snapshot = " + (SNAPSHOTS - 1));
      Map<String, String> got = new HashMap<>();
      rows.forEach(r -> got.put(r.substring(0, r.indexOf(',')), r.substring(r.indexOf(',') + 1)));
      assertThat(got).isEqualTo(truth);
      assertThat(csvRows(db, "SELECT count(*) FILTER (WHERE block >= " + secondArea + "), count(*) FILTER (WHERE allocation_id IS NULL) FROM "
          + table(out, "objects")).get(0).split(","))
          .satisfies(c -> assertThat(Integer.parseInt(c[0])).as("objects in the second area").isGreaterThan(10))
          .satisfies(c -> assertThat(Integer.parseInt(c[1])).as("objects without an allocation id").isLessThan(5));
    }
    try (Stream<Path> frames = Files.list(out.resolve("frames"))) {
      List<Path> pngs = frames.filter(p -> p.toString().endsWith(".png")).sorted().toList();
      assertThat(pngs).hasSize(4);
      BufferedImage frame = ImageIO.read(pngs.get(3).toFile());
      assertThat(frame.getHeight()).isGreaterThan(100);
    }
    try (Stream<Path> exports = Files.list(out.resolve("heapsnapshots"))) {
      Path last = exports.filter(p -> p.toString().endsWith(".heapsnapshot")).findFirst().orElseThrow();
      JsonNode snapshot = new ObjectMapper().readTree(last.toFile());
      // allocation stacks from the log, for a split heap too
      assertThat(snapshot.get("trace_function_infos").size()).isGreaterThan(0);
    }
  }

  @Test
  void heapsnapshotWithTheLogCountsTheOraclesObjects() throws Exception {
    String[] last = body(expected.resolve("stats.csv")).get(SNAPSHOTS - 1).split(",");
    Path out = tmp.resolve("last.heapsnapshot");
    CliRun export = CliRun.of("heapsnapshot", "--capture", capture.toString(), "--snapshot", "last", "--out", out.toString());
    assertThat(export.exitCode()).as(export.err()).isZero();
    assertThat(export.out()).contains(last[1] + " objects (" + Long.parseLong(last[3]) * BYTES_PER_BLOCK + " bytes)");
  }

  @Test
  void lifespansCsvHasTheOraclesLifespansAtTheirAddresses() throws Exception {
    Path csv = tmp.resolve("lifespans.csv");
    CliRun r = CliRun.of("lifespans", "--capture", capture.toString(), "--format", "csv", "--out", csv.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    // the oracle's first pool start: any object's address less its heap block's bytes
    JsonNode anyObject = new ObjectMapper().readTree(expected.resolve("objects_last.json").toFile()).get("objects").get(0);
    long firstPool = anyObject.get("address").asLong() - anyObject.get("block").asLong() * BYTES_PER_BLOCK;
    List<String> lines = Files.readAllLines(csv);
    List<String> got = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      got.add(f[0] + "," + f[2] + "," + f[3] + "," + f[5] + "," + f[6]);
      assertThat(Long.decode(f[1])).as(line).isEqualTo(firstPool + Long.parseLong(f[0]) * BYTES_PER_BLOCK);
    }
    assertThat(got).containsExactlyInAnyOrderElementsOf(body(expected.resolve("lifespans.csv")));
  }

  @Test
  void verifyDiffAndTreeTakeBothAreas() throws Exception {
    CliRun verify = CliRun.of("verify", "--capture", capture.toString());
    assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).doesNotContain("only the first");
    CliRun diff = CliRun.of("diff", "--capture", capture.toString(), "--from", "100", "--to", "last");
    assertThat(diff.exitCode()).as(diff.err()).isZero();
    long alive = body(expected.resolve("lifespans.csv")).stream().filter(l -> l.endsWith(",,"))
        .mapToLong(l -> Long.parseLong(l.split(",")[1])).sum();
    CliRun tree = CliRun.of("tree", "--capture", capture.toString());
    assertThat(tree.exitCode()).as(tree.err()).isZero();
    assertThat(tree.out()).contains(alive + " total blocks");
  }

  private static List<String> body(Path csv) throws Exception {
    List<String> lines = Files.readAllLines(csv);
    return lines.subList(1, lines.size());
  }
}
