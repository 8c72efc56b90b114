package io.heapreel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heapreel.model.testing.RealCaptures;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * run on sample-dumps/mps2-an385-grow, a heap that grows to three areas and gives them back twice
 * (MICROPY_GC_SPLIT_HEAP_AUTO), and on mps2-an385-reuse, whose added area's memory comes back as an
 * area of another size and then at the first size again: the snapshots table, read by DuckDB, has in
 * every row the blocks of the areas that dump's own list of areas holds, counted here from the dump's
 * bytes; no snapshot is suspect, no event disagrees, every lifespan is typed; run.json's runs of
 * snapshots of each area hold, in every snapshot, the blocks of that dump's list. The capture table
 * counts every area of the capture once per geometry (the reused memory twice). mps2-an385-below is
 * the reuse program on firmware whose added areas lie below the first area's pool: the lifespans
 * there start at the log's negative heap blocks.
 */
class GrowingHeapRunTest {
  private static final long RAM_START = 0x21000000L;
  private static final int SPAN = 83_016;
  /** The first area's next word: mp_state_ctx.mem.area (the log's heapreel-fact line), whose alloc table is truth.txt's first. */
  private static final long FIRST_LINK = 0x21000190L;

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"mps2-an385-grow", "mps2-an385-reuse", "mps2-an385-below"})
  void everySnapshotRowHasTheBlocksOfItsOwnAreas(String name) throws Exception {
    boolean reuse = !name.equals("mps2-an385-grow"); // the same program; below: its added areas below the first one's pool
    Path sample = RealCaptures.checkout().resolve("sample-dumps").resolve(name);
    assertThat(Files.readString(sample.resolve("mylog.txt"))).contains("heapreel-fact &mp_state_ctx.mem.area = 0x21000190");
    Path out = tmp.resolve("out");
    CliRun run = CliRun.of("run", "--capture", sample.toString(), "--out", out.toString(), "--no-report", "--no-progress");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(out.resolve("run.json").toFile());
    assertThat(summary.get("warnings")).isEmpty();
    summary.get("damage").fields().forEachRemaining(e -> assertThat(e.getValue().asLong()).as(e.getKey()).isZero());
    assertThat(summary.get("events").get("lifespans_typed").asLong()).isEqualTo(summary.get("events").get("lifespans").asLong()).isPositive();

    List<int[]> own = new ArrayList<>();
    try (FileChannel ram = FileChannel.open(RealCaptures.referenceFile(name, "ram.bin"))) {
      for (long i = 0; i < ram.size() / SPAN; i++) {
        ByteBuffer dump = ByteBuffer.allocate(SPAN).order(ByteOrder.LITTLE_ENDIAN);
        ram.read(dump, i * SPAN);
        own.add(count(dump));
      }
    }
    List<int[]> rows = new ArrayList<>();
    int[] areas = new int[3];
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        ResultSet r = db.createStatement().executeQuery(
            "SELECT total_blocks, allocated_blocks, free_blocks, suspect IS NULL FROM read_parquet('"
                + out.resolve("tables").resolve("snapshots") + "/*.parquet') ORDER BY snapshot");
        ResultSet c = db.createStatement().executeQuery(
            "SELECT heap_areas, total_blocks, (SELECT count(*) FROM read_parquet('" + out.resolve("tables").resolve("lifespans")
                + "/*.parquet') WHERE start_block < 0) FROM read_parquet('" + out.resolve("tables").resolve("capture") + "/*.parquet')")) {
      while (r.next()) {
        assertThat(r.getBoolean(4)).as("row %d not suspect", rows.size()).isTrue();
        rows.add(new int[] {r.getInt(1), r.getInt(2), r.getInt(3)});
      }
      c.next();
      areas[0] = c.getInt(1);
      areas[1] = c.getInt(2);
      areas[2] = c.getInt(3);
    }
    assertThat(rows).hasSameSizeAs(own).hasSize(reuse ? 571 : 711);
    for (int i = 0; i < rows.size(); i++) {
      assertThat(rows.get(i)).as("snapshot %d: total, allocated, free blocks", i).containsExactly(own.get(i));
    }
    int[] sizes = reuse ? new int[] {496, 992, 1840} : new int[] {496, 992, 1488, 1984};
    assertThat(own.stream().mapToInt(o -> o[0]).distinct().sorted().toArray()).as("the heap's sizes over time").containsExactly(sizes);
    assertThat(areas).as("the capture table: every area over the capture, its blocks; lifespans below the first pool")
        .containsExactly(3, reuse ? 496 + 496 + 1344 : 496 + 496 + 992, name.equals("mps2-an385-below") ? 26 : 0);
    // run.json's runs of snapshots of each area (for the report's heap map) hold the blocks of each dump's own list
    JsonNode areaBlocks = summary.get("heap").get("area_blocks");
    for (JsonNode a : areaBlocks) {
      assertThat(a.has("in_snapshots")).as("the first area (heap block 0 on) is in every snapshot").isEqualTo(a.get("first_block").asInt() != 0);
    }
    for (int i = 0; i < own.size(); i++) {
      int total = 0;
      for (JsonNode a : areaBlocks) {
        boolean in = !a.has("in_snapshots");
        for (JsonNode span : a.path("in_snapshots")) {
          in |= span.get(0).asLong() <= i && i <= span.get(1).asLong();
        }
        total += in ? a.get("blocks").asInt() : 0;
      }
      assertThat(total).as("snapshot %d: the blocks of the areas run.json has in it", i).isEqualTo(own.get(i)[0]);
    }
  }

  /** Total, allocated and free blocks of the areas the dump's list holds (py/mpstate.h: next, alloc table start, its length, ...). */
  private static int[] count(ByteBuffer dump) {
    int total = 0;
    int free = 0;
    long descriptor = FIRST_LINK;
    for (int n = 0; descriptor != 0; n++) {
      assertThat(n).as("a list that ends").isLessThan(64);
      int at = (int) (descriptor - RAM_START);
      int atb = (int) (Integer.toUnsignedLong(dump.getInt(at + 4)) - RAM_START);
      int atbBytes = dump.getInt(at + 8);
      for (int b = 0; b < atbBytes * 4; b++) {
        free += ((dump.get(atb + b / 4) >> (2 * (b % 4))) & 3) == 0 ? 1 : 0;
      }
      total += atbBytes * 4;
      descriptor = Integer.toUnsignedLong(dump.getInt(at));
    }
    return new int[] {total, total - free, free};
  }
}
