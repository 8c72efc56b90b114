package io.heapreel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heapreel.model.open.Capture;
import io.heapreel.model.testing.RealCaptures;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code heapreel run} end to end, its Parquet tables read back with DuckDB. */
class RunCommandTest {
  @TempDir Path tmp;

  @Test
  void devCaptureTablesAgreeWithTheReferences() throws Exception {
    Path capture = RealCaptures.dev();
    Path out = tmp.resolve("out");
    assertThat(run("--capture", capture.toString(), "--out", out.toString(), "--key-frames", "last")).isZero();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      // snapshots equals the stats CSV row for row
      List<String> stats = statsCsv(capture);
      List<String> rows = csvRows(db, "SELECT " + StatsCommand.HEADER + " FROM " + table(out, "snapshots") + " ORDER BY snapshot");
      assertThat(rows).containsExactlyElementsOf(stats.subList(1, stats.size()));

      // and the independent reference figures, snapshot by snapshot, with each snapshot's event
      List<String> ref = Files.readAllLines(RealCaptures.referenceFile("dev", "reference_stats.csv"));
      List<String> expected = new ArrayList<>();
      for (String line : ref.subList(1, ref.size())) {
        String[] f = line.split(",");
        // snapshot, heads, marked_heads, allocated_blocks, tail_blocks, orphan_tail_blocks, free_blocks,
        // longest_free_run_blocks, ftb_set_on_heads, total_free_bytes, longest_free_bytes, event_action, event_block, event_length
        expected.add(String.join(",", f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[9], f[10], f[11], f[14], f[15], f[16]));
      }
      assertThat(csvRows(db,
              "SELECT s.snapshot, s.objects, s.marked, s.allocated_blocks, s.tail_blocks, s.orphan_tail_blocks, s.free_blocks,"
                  + " s.largest_free_blocks, s.finaliser_blocks, s.free_bytes, s.largest_free_bytes,"
                  + " e.action, e.start_block, e.blocks FROM " + table(out, "snapshots") + " s JOIN " + table(out, "events")
                  + " e ON e.event = s.event ORDER BY s.snapshot"))
          .containsExactlyElementsOf(expected);

      // event kinds as NOTES.md counts them from the log replay
      assertThat(csvRows(db, "SELECT action, count(*) FROM " + table(out, "events") + " GROUP BY action ORDER BY action"))
          .containsExactly("alloc,1270", "free,348", "realloc,561", "sweep,558");
      // mp_obj_malloc_helper only wraps the allocator: where a trace passes through it, the site is
      // the frame after it (its caller, the constructor), read here from the trace list itself
      String helperAt = "list_position(list_transform(trace, f -> f.function), 'mp_obj_malloc_helper')";
      assertThat(csvRows(db, "SELECT count(*), count(*) FILTER (WHERE site_function = trace[" + helperAt + " + 1].function"
              + " AND site_line = trace[" + helperAt + " + 1].line), count(*) FILTER (WHERE site_function = 'mp_obj_malloc_helper')"
              + " FROM " + table(out, "events") + " WHERE " + helperAt + " IS NOT NULL"))
          .containsExactly("353,353,0");

      // every lifespan starts at an alloc or realloc event of its own block
      assertThat(csvRows(db,
              "SELECT count(*) FROM " + table(out, "lifespans") + " l JOIN " + table(out, "events") + " e ON e.event = l.start_event"
                  + " WHERE e.action NOT IN ('alloc', 'realloc') OR e.start_block <> l.start_block"))
          .containsExactly("0");
      assertThat(csvRows(db, "SELECT count(*) FROM " + table(out, "lifespans"))).containsExactly("1831");
      // gc_activity.out ends with "1038 total blocks": the blocks still allocated after the last event
      assertThat(csvRows(db, "SELECT sum(blocks) FROM " + table(out, "lifespans") + " WHERE end_event IS NULL"))
          .containsExactly("1038");
      // at least 90% of lifespans get a type or a role other than unknown (877 of 1,831 were
      // raw:unknown before the site table): counted here over the rows, not by heapreel
      long named = Long.parseLong(csvRows(db, "SELECT count(*) FROM " + table(out, "lifespans")
          + " WHERE type IS NOT NULL AND type <> 'raw:unknown'").get(0));
      assertThat(named).isGreaterThanOrEqualTo(1831 * 9 / 10);
      // type_source agrees with the type: memory for objects, owner or site for raw roles, none for unknown
      assertThat(csvRows(db, "SELECT count(*) FROM " + table(out, "lifespans") + " WHERE NOT CASE"
              + " WHEN type IS NULL OR type = 'raw:unknown' THEN type_source IS NULL"
              + " WHEN type LIKE 'raw:%' THEN type_source IN ('owner', 'site') ELSE type_source = 'memory' END"))
          .containsExactly("0");
      // a role from the site is the one the built-in site table gives the row's own site function
      Map<String, String> siteTable = SiteTable.builtIn();
      for (String row : csvRows(db, "SELECT DISTINCT site_function, type FROM " + table(out, "lifespans") + " WHERE type_source = 'site'")) {
        String[] f = row.split(",");
        assertThat("raw:" + siteTable.get(f[0])).as(row).isEqualTo(f[1]);
      }
      assertThat(csvRows(db, "SELECT count(*) FROM " + table(out, "lifespans") + " WHERE bytes <> blocks * 16")).containsExactly("0");
      // the site table agrees with the owners: where an owner's field names a block made at a site
      // of the table, it names the site's role (a vstr's buffer may have become a str's data)
      for (String row : csvRows(db, "SELECT DISTINCT site_function, type FROM " + table(out, "lifespans") + " WHERE type_source = 'owner'")) {
        String[] f = row.split(",");
        String role = siteTable.get(f[0]);
        if (role != null) {
          assertThat(f[1]).as(row).isIn("raw:" + role, role.equals("vstr_buffer") ? "raw:str_data" : "raw:" + role);
        }
      }
      // the last snapshot is a key frame: one object per head (365) covering the allocated blocks
      // that are not orphan tails (NOTES.md: 1043 allocated, 0 orphan tails), all in the pool
      assertThat(csvRows(db, "SELECT count(*), sum(blocks), min(address) >= 536872416, max(address) < 536900384 FROM "
              + table(out, "objects") + " WHERE snapshot = 2736"))
          .containsExactly("365,1043,true,true");
      // every object of the last snapshot has the id of a lifespan alive there at its block, with its
      // length (the log starts at boot: no allocation predates it)
      assertThat(csvRows(db, "SELECT count(*) FROM " + table(out, "objects") + " o JOIN " + table(out, "lifespans")
              + " l ON l.allocation_id = o.allocation_id WHERE o.snapshot = 2736 AND l.start_block = o.block AND l.blocks = o.blocks"
              + " AND l.start_event <= 2736 AND (l.end_event IS NULL OR l.end_event >= 2736)"))
          .containsExactly("365");
      // ... and every one of them has a type or role (the site table names what memory cannot), with
      // bytes beside blocks; dict_main's table (root mp_state_ctx+104) lists workload.py's globals
      assertThat(csvRows(db, "SELECT count(*), count(type_source), sum(bytes) = sum(blocks) * 16, sum(retained_bytes) = sum(retained_blocks) * 16 FROM " + table(out, "objects")
              + " WHERE snapshot = 2736 AND type <> 'raw:unknown'"))
          .containsExactly("365,365,true,true");
      assertThat(csvRows(db, "SELECT list_has_all(keys, ['Sensor', 'registry', 'ring', 'sensors', 'settings']), owner = r.address - 104 FROM "
              + table(out, "objects") + " o JOIN " + table(out, "roots") + " r ON r.to_address = o.address AND r.snapshot = o.snapshot"
              + " WHERE o.snapshot = 2736 AND r.name = 'mp_state_ctx+104'"))
          .containsExactly("true,true");
      // a raw block's owner is an object of the same snapshot, or the VM state struct for a root's block
      String state = "(SELECT address - 104 FROM " + table(out, "roots") + " WHERE snapshot = 2736 AND name = 'mp_state_ctx+104')";
      assertThat(csvRows(db, "SELECT count(*) FROM " + table(out, "objects") + " o WHERE o.snapshot = 2736 AND o.owner IS NOT NULL"
              + " AND o.owner <> " + state
              + " AND NOT EXISTS (SELECT 1 FROM " + table(out, "objects") + " p WHERE p.snapshot = 2736 AND p.address = o.owner)"))
          .containsExactly("0");
      assertThat(Long.parseLong(csvRows(db, "SELECT count(*) FROM " + table(out, "objects") + " WHERE snapshot = 2736 AND owner = " + state)
          .get(0))).isPositive();
      // the capture table: NOTES.md's span (0x20000000..0x20009000, 36864 bytes), pool (1748 blocks of 16 bytes)
      assertThat(csvRows(db, "SELECT word_size, block_bytes, heap_areas, total_blocks, total_bytes, ram_start, ram_end, ram_bytes,"
              + " snapshots, areas[1].pool_start, areas[1].pool_end FROM " + table(out, "capture")))
          .containsExactly("4,16,1,1748,27968,536870912,536907776,36864,2737,536872416,536900384");
      assertThat(csvRows(db, "SELECT count(*) FROM " + table(out, "events") + " WHERE bytes <> blocks * 16")).containsExactly("0");
      assertThat(csvRows(db, "SELECT sum(bytes_allocated) = sum(blocks_allocated) * 16, sum(bytes_alive_at_end) FROM "
              + table(out, "call_sites"))).containsExactly("true,16608");
      // every reference points from and to an object of the same snapshot
      assertThat(csvRows(db, "SELECT count(*) FROM " + table(out, "references") + " r WHERE r.snapshot = 2736 AND NOT EXISTS"
              + " (SELECT 1 FROM " + table(out, "objects") + " o WHERE o.snapshot = 2736 AND o.address = r.to_address)"))
          .containsExactly("0");
      assertThat(Long.parseLong(csvRows(db, "SELECT count(*) FROM " + table(out, "roots") + " WHERE snapshot = 2736").get(0))).isPositive();
      // call sites add up to the lifespans
      assertThat(csvRows(db, "SELECT sum(allocations), sum(blocks_alive_at_end) FROM " + table(out, "call_sites")))
          .containsExactly("1831,1038");
    }
    JsonNode summary = new ObjectMapper().readTree(out.resolve("run.json").toFile());
    assertThat(summary.at("/snapshots/count").asLong()).isEqualTo(2737);
    assertThat(summary.at("/events/records").asLong()).isEqualTo(2737);
    assertThat(summary.at("/tables/snapshots/rows").asLong()).isEqualTo(2737);
    assertThat(summary.at("/tables/events/rows").asLong()).isEqualTo(2737);
    assertThat(summary.at("/heap/method").asText()).isEqualTo("area_descriptor");
    assertThat(summary.at("/warnings").size()).isZero();
    try (var files = Files.list(out)) {
      // the visible names; the run itself sits in .runs/, shown through .current (StagedOutput)
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList())
          .containsExactly("report.html", "run.json", "tables");
    }
  }

  @Test
  void damagedCaptureIsReportedAndTheSoundPartIsWritten() throws Exception {
    Path capture = firstSnapshots(RealCaptures.dev(), 200, 100, tmp);
    Path out = tmp.resolve("out");
    assertThat(run("--capture", capture.toString(), "--out", out.toString())).isZero();
    JsonNode summary = new ObjectMapper().readTree(out.resolve("run.json").toFile());
    assertThat(summary.at("/damage/partial_snapshot_bytes").asLong()).isEqualTo(100);
    assertThat(summary.at("/damage/log_snapshot_count_difference").asLong()).isEqualTo(2737 - 200);
    assertThat(summary.at("/warnings").toString()).contains("partial trailing snapshot of 100 bytes", "2737 hook records");
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      assertThat(csvRows(db, "SELECT count(*), min(snapshot), max(snapshot) FROM " + table(out, "snapshots")))
          .containsExactly("200,0,199");
    }
  }

  /**
   * run.json's lifespans_typed counts only lifespans with a type or a told role: with the small
   * sample's site roles switched off, the blocks only a site could tell are raw:unknown and not counted.
   */
  @Test
  void lifespansTypedLeavesUnknownOut() throws Exception {
    Path sites = Files.writeString(tmp.resolve("off.sites"),
        "vstr_init unknown\nvstr_ensure_extra unknown\narray_extend unknown\nmp_emit_bc_end_pass unknown\n");
    Path out = tmp.resolve("out");
    Path small = RealCaptures.checkout().resolve("sample-dumps").resolve("small");
    assertThat(run("--capture", small.toString(), "--out", out.toString(), "--site-roles", sites.toString())).isZero();
    JsonNode events = new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("events");
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      List<String> counted = csvRows(db, "SELECT count(*), count(*) FILTER (WHERE type IS NOT NULL AND type <> 'raw:unknown'),"
          + " count(*) FILTER (WHERE type = 'raw:unknown') FROM " + table(out, "lifespans"));
      String[] f = counted.get(0).split(",");
      assertThat(Long.parseLong(f[2])).as("raw:unknown lifespans").isPositive();
      assertThat(events.get("lifespans").asLong()).isEqualTo(Long.parseLong(f[0]));
      assertThat(events.get("lifespans_typed").asLong()).isEqualTo(Long.parseLong(f[1]));
      assertThat(events.get("lifespans_without_site").asLong()).isZero();
    }
  }

  /**
   * A log whose frames name no source file (gdb's {@code set print frame-info short-location}) and
   * no map to tell the allocator's functions by: no lifespan gets a site (not gc_alloc), and run.json
   * counts them and says why.
   */
  @Test
  void lifespansWithoutSiteAreCountedAndWarnedAbout() throws Exception {
    Path sample = RealCaptures.sampleFolder("mps2-an385");
    Path capture = Files.createDirectories(tmp.resolve("short-location"));
    Files.createSymbolicLink(capture.resolve("ram.bin"), RealCaptures.referenceFile("mps2-an385", "ram.bin"));
    Files.copy(sample.resolve("firmware.elf"), capture.resolve("firmware.elf"));
    Files.write(capture.resolve("mylog.txt"), shortLocations(Files.readAllLines(sample.resolve("mylog.txt"))));
    Path out = tmp.resolve("out");

    assertThat(run("--capture", capture.toString(), "--out", out.toString())).isZero();

    JsonNode summary = new ObjectMapper().readTree(out.resolve("run.json").toFile());
    long lifespans = summary.at("/events/lifespans").asLong();
    assertThat(lifespans).isPositive();
    assertThat(summary.at("/events/lifespans_without_site").asLong()).isEqualTo(lifespans);
    assertThat(summary.at("/warnings").toString()).contains(lifespans + " of " + lifespans + " lifespans have no allocation site");
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      assertThat(csvRows(db, "SELECT count(*) FILTER (WHERE site_function IS NULL), count(*) FROM " + table(out, "lifespans")))
          .containsExactly(lifespans + "," + lifespans);
    }
  }

  /** What gdb prints with short locations: no ' at FILE:LINE' after a frame, no source line after a hit. */
  private static List<String> shortLocations(List<String> lines) {
    List<String> shorter = new ArrayList<>();
    for (String line : lines) {
      if (!line.matches("\\d+\t.*")) {
        shorter.add(line.replaceFirst(" at \\S+:\\d+$", ""));
      }
    }
    return shorter;
  }

  @Test
  void badKeyFramesLeaveNoTables() throws Exception {
    Path out = tmp.resolve("out");
    assertThat(run("--capture", RealCaptures.dev().toString(), "--out", out.toString(), "--key-frames", "5000,x")).isEqualTo(2);
    assertThat(out.resolve("tables")).doesNotExist();
    assertThat(out.resolve("run.json")).doesNotExist();
  }

  static int run(String... args) {
    List<String> all = new ArrayList<>(List.of("run", "--no-progress"));
    all.addAll(List.of(args));
    return Heapreel.commandLine().execute(all.toArray(String[]::new));
  }

  static String table(Path out, String name) {
    return "read_parquet('" + out.resolve("tables").resolve(name) + "/*.parquet')";
  }

  static List<String> statsCsv(Path capture) {
    StringWriter csv = new StringWriter();
    try (Capture c = Capture.open(capture)) {
      StatsCommand.write(c, 0, c.snapshots().count() - 1, csv);
    }
    return List.of(csv.toString().split("\n"));
  }

  static List<String> csvRows(Connection db, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
      int columns = r.getMetaData().getColumnCount();
      while (r.next()) {
        StringBuilder row = new StringBuilder();
        for (int c = 1; c <= columns; c++) {
          row.append(c > 1 ? "," : "").append(r.getString(c));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  /** The dev capture cut to its first {@code n} snapshots plus {@code extra} bytes of the next, in {@code parent}. */
  static Path firstSnapshots(Path dev, int n, int extra, Path parent) throws IOException {
    Path dir = Files.createDirectories(parent.resolve("capture-" + n));
    long span;
    try (Capture c = Capture.open(dev)) {
      span = c.ram().length();
    }
    try (FileChannel in = FileChannel.open(dev.resolve("ram.bin"));
        OutputStream out = Files.newOutputStream(dir.resolve("ram.bin"))) {
      in.transferTo(0, n * span + extra, java.nio.channels.Channels.newChannel(out));
    }
    Files.createSymbolicLink(dir.resolve("firmware.map"), dev.resolve("firmware.map").toRealPath());
    Files.createSymbolicLink(dir.resolve("mylog.txt"), dev.resolve("mylog.txt").toRealPath());
    return dir;
  }
}
