package io.heapreel.cli;

import static io.heapreel.cli.RunCommandTest.csvRows;
import static io.heapreel.cli.RunCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heapreel.model.diff.SnapshotDiffer;
import io.heapreel.model.testing.RealCaptures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code diff} on the generated sample capture (120 snapshots) from snapshot 50 to the last, 119,
 * against figures computed without it: the generator's own records, the SQL recipes of
 * docs/graph-and-diff.md over a run's tables, two {@code inspect --json} documents.
 */
class DiffCommandTest {
  @TempDir Path tmp;

  static final Path SAMPLE = RealCaptures.checkout().resolve("sample-dumps").resolve("small");
  private final ObjectMapper json = new ObjectMapper();

  private JsonNode diff(Path capture, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("diff", "--capture", capture.toString(), "--from", "50", "--to", "last", "--json"));
    args.addAll(List.of(more));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    return json.readTree(run.out());
  }

  private static String figures(JsonNode g) {
    return String.join(",", List.of(g.get("allocated").get("count").asText(), g.get("allocated").get("blocks").asText(),
        g.get("freed").get("count").asText(), g.get("freed").get("blocks").asText(), g.get("survived").get("count").asText(),
        g.get("survived").get("blocks").asText(), g.get("transient").get("count").asText(), g.get("transient").get("blocks").asText()));
  }

  private static Map<String, String> groups(JsonNode doc) {
    Map<String, String> m = new TreeMap<>();
    doc.get("groups").forEach(g -> m.put(g.get("key").asText(), figures(g)));
    return m;
  }

  @Test
  void totalsAndNewTypesAreTheGeneratorsOwn() throws Exception {
    JsonNode doc = diff(SAMPLE);
    assertThat(doc.get("identity").asText()).isEqualTo("log");
    assertThat(doc.get("to").asLong()).isEqualTo(119);
    String lifespans = "read_csv('" + SAMPLE.resolve("expected/lifespans.csv") + "', nullstr = '')";
    String shown = "start_event <= %1$d AND (end_event IS NULL OR end_event > %1$d OR (end_event = %1$d AND end_cause <> 'realloc'))";
    String a = String.format(shown, 50);
    String b = String.format(shown, 119);
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      String totals = csvRows(db, "SELECT count(*) FILTER (" + b + " AND NOT (" + a + ")), coalesce(sum(blocks) FILTER (" + b + " AND NOT (" + a
          + ")), 0), count(*) FILTER (" + a + " AND NOT (" + b + ")), coalesce(sum(blocks) FILTER (" + a + " AND NOT (" + b + ")), 0),"
          + " count(*) FILTER (" + a + " AND " + b + "), sum(blocks) FILTER (" + a + " AND " + b + "),"
          + " count(*) FILTER (start_event > 50 AND start_event <= 119 AND NOT (" + b + ")),"
          + " coalesce(sum(blocks) FILTER (start_event > 50 AND start_event <= 119 AND NOT (" + b + ")), 0)"
          + " FROM " + lifespans + " WHERE blocks > 0").get(0);
      assertThat(figures(doc.get("total"))).isEqualTo(totals);
      assertThat(doc.get("total").get("transient").get("count").asLong()).as("some churn in between").isPositive();

      // the types the generator gave the allocations new at 119; the one its own event makes is
      // still all zero there, so nothing tells its type
      JsonNode truth = json.readTree(SAMPLE.resolve("expected/objects_last.json").toFile());
      Map<Long, String> typeAtBlock = new HashMap<>();
      truth.get("objects").forEach(o -> typeAtBlock.put(o.get("block").asLong(),
          o.get("type").asText().equals("raw") ? "raw:" + o.get("role").asText() : o.get("type").asText()));
      Map<String, Integer> expected = new TreeMap<>();
      for (String block : csvRows(db, "SELECT start_block FROM " + lifespans + " WHERE blocks > 0 AND " + b + " AND NOT (" + a + ") AND start_event < 119")) {
        expected.merge(typeAtBlock.get(Long.parseLong(block)), 1, Integer::sum);
      }
      Map<String, Integer> actual = new TreeMap<>();
      doc.get("new_objects").forEach(o -> {
        if (o.get("allocation_id").asLong() != 119) {
          actual.merge(o.get("type").asText(), 1, Integer::sum);
        }
      });
      assertThat(actual).isEqualTo(expected);
    }
  }

  /** The ```sql blocks of the docs page, in order, reading the tables of {@code out}. */
  private static List<String> recipes(Path out) throws Exception {
    String page = Files.readString(RealCaptures.checkout().resolve("docs").resolve("graph-and-diff.md"));
    List<String> sql = new ArrayList<>();
    for (int at = page.indexOf("```sql\n"); at >= 0; at = page.indexOf("```sql\n", at + 1)) {
      String block = page.substring(at + 7, page.indexOf("```", at + 7));
      sql.add(block.replace("'out/tables/", "'" + out.resolve("tables") + "/").strip().replaceAll(";$", ""));
    }
    return sql;
  }

  private static Map<String, String> rows(Connection db, String sql, int keyColumns) throws Exception {
    Map<String, String> m = new TreeMap<>();
    try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        String key = keyColumns == 3
            ? SnapshotDiffer.siteKey(r.getString(1), r.getString(2), r.getObject(3) == null ? null : r.getInt(3))
            : r.getString(1);
        List<String> f = new ArrayList<>();
        for (int c = keyColumns + 1; c <= keyColumns + 8; c++) {
          f.add(r.getString(c));
        }
        m.put(key, String.join(",", f));
      }
    }
    return m;
  }

  @Test
  void theSqlRecipesOfTheDocsGiveTheSameGroups() throws Exception {
    Path out = tmp.resolve("out");
    assertThat(run("--capture", SAMPLE.toString(), "--out", out.toString(), "--key-frames", "50")).isZero();
    List<String> recipes = recipes(out);
    assertThat(recipes).hasSize(2);
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      Map<String, String> bySite = rows(db, recipes.get(0), 3);
      assertThat(bySite).hasSizeGreaterThan(3);
      assertThat(groups(diff(SAMPLE, "--by", "site"))).isEqualTo(bySite);
      // the objects table's retained blocks and dominators are those of inspect --json
      Map<String, String> columns = new TreeMap<>();
      for (String row : csvRows(db, "SELECT printf('0x%08x', address), retained_blocks, coalesce(printf('0x%08x', dominator), '-') FROM "
          + RunCommandTest.table(out, "objects") + " WHERE snapshot = 119")) {
        columns.put(row.substring(0, row.indexOf(',')), row.substring(row.indexOf(',') + 1));
      }
      CliRun inspect = CliRun.of("inspect", "--capture", SAMPLE.toString(), "--snapshot", "119", "--json");
      Map<String, String> inspected = new TreeMap<>();
      for (JsonNode o : json.readTree(inspect.out()).get("objects")) {
        String d = o.get("dominator").asText();
        inspected.put(o.get("address").asText(), o.get("retained_blocks").asText() + "," + (d.startsWith("0x") ? d : "-"));
      }
      assertThat(columns).hasSize(inspected.size()).isEqualTo(inspected);

      Map<String, String> byType = rows(db, recipes.get(1), 1);
      assertThat(byType).hasSizeGreaterThan(3);
      assertThat(groups(diff(SAMPLE, "--by", "type"))).isEqualTo(byType);
    }
  }

  @Test
  void withoutTheLogAllocationsAreMatchedByAddressBlocksAndType() throws Exception {
    Path capture = tmp.resolve("nolog");
    Files.createDirectories(capture);
    for (String f : new String[] {"ram.bin", "firmware.map", "firmware.elf", "firmware.bin"}) {
      Files.createSymbolicLink(capture.resolve(f), SAMPLE.resolve(f).toAbsolutePath());
    }
    JsonNode doc = diff(capture);
    assertThat(doc.get("identity").asText()).isEqualTo("address");
    Set<String> before = identities(capture, "50");
    Set<String> after = identities(capture, "119");
    Set<String> survived = new HashSet<>(before);
    survived.retainAll(after);
    JsonNode total = doc.get("total");
    assertThat(total.get("survived").get("count").asInt()).isEqualTo(survived.size());
    assertThat(total.get("allocated").get("count").asInt()).isEqualTo(after.size() - survived.size());
    assertThat(total.get("freed").get("count").asInt()).isEqualTo(before.size() - survived.size());
    assertThat(total.get("transient").get("count").asInt()).isZero();

    CliRun sites = CliRun.of("diff", "--capture", capture.toString(), "--from", "50", "--to", "119", "--by", "site");
    assertThat(sites.exitCode()).isEqualTo(2);
    assertThat(sites.err()).startsWith("heapreel: diff --by site needs the gdb log").doesNotContain("Exception");
  }

  private Set<String> identities(Path capture, String snapshot) throws Exception {
    CliRun run = CliRun.of("inspect", "--capture", capture.toString(), "--snapshot", snapshot, "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    Set<String> ids = new HashSet<>();
    for (JsonNode o : json.readTree(run.out()).get("objects")) {
      String type = o.get("type").asText().equals("raw") ? "raw:" + o.get("role").asText() : o.get("type").asText();
      ids.add(o.get("address").asText() + "/" + o.get("blocks").asText() + "/" + type);
    }
    return ids;
  }

  /**
   * The real dev capture between a free and a realloc event (where what a snapshot shows matters
   * most), against gc_activity.py's own allocation history of it: totals, and sites as the first
   * frame outside gc.c and malloc.c.
   */
  @Test
  void theDevCaptureAgreesWithGcActivityPysHistory() throws Exception {
    Path dev = RealCaptures.dev();
    JsonNode history;
    try (var in = new org.tukaani.xz.XZInputStream(Files.newInputStream(RealCaptures.referenceFile("dev", "allocation_history.json.xz")))) {
      history = json.readTree(in);
    }
    long from = -1;
    long to = -1;
    for (JsonNode h : history) {
      long end = h.path("end_time").asLong(-1);
      if ("free".equals(h.path("end_cause").asText()) && end > 1000 && (from < 0 || end < from)) {
        from = end;
      }
      if ("realloc".equals(h.path("end_cause").asText()) && end > 2000 && (to < 0 || end < to)) {
        to = end;
      }
    }
    assertThat(from).isPositive();
    assertThat(to).isPositive();
    Map<String, long[]> expected = new TreeMap<>();
    long[] total = new long[8];
    for (JsonNode h : history) {
      long start = h.get("start_time").asLong();
      long end = h.path("end_time").isNumber() ? h.get("end_time").asLong() : -1;
      String cause = h.path("end_cause").asText();
      int blocks = h.get("size").asInt();
      boolean inA = shown(start, end, cause, from);
      boolean inB = shown(start, end, cause, to);
      int kind = inB && !inA ? 0 : inA && !inB ? 1 : inA ? 2 : start > from && start <= to ? 3 : -1;
      if (kind >= 0) {
        long[] g = expected.computeIfAbsent(site(h.get("start_trace")), k -> new long[8]);
        g[2 * kind]++;
        g[2 * kind + 1] += blocks;
        total[2 * kind]++;
        total[2 * kind + 1] += blocks;
      }
    }
    CliRun run = CliRun.of("diff", "--capture", dev.toString(), "--from", Long.toString(from), "--to", Long.toString(to), "--by", "site", "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode doc = json.readTree(run.out());
    assertThat(figures(doc.get("total"))).isEqualTo(joined(total));
    Map<String, String> bySite = new TreeMap<>();
    expected.forEach((k, v) -> bySite.put(k, joined(v)));
    assertThat(groups(doc)).isEqualTo(bySite);
  }

  private static boolean shown(long start, long end, String cause, long snapshot) {
    return start <= snapshot && (end < 0 || end > snapshot || (end == snapshot && !cause.equals("realloc")));
  }

  /** gc_activity.py's frames are [pc, "file:line", function]; the site is the first outside the allocator's files. */
  private static String site(JsonNode trace) {
    for (JsonNode f : trace) {
      String location = f.get(1).asText();
      int colon = location.lastIndexOf(':');
      String file = colon < 0 ? null : location.substring(0, colon);
      String name = file == null ? "" : file.substring(file.lastIndexOf('/') + 1);
      // the allocator: its files, and the two object-allocating wrappers of py/obj.c
      if (!name.equals("gc.c") && !name.equals("malloc.c") && !f.get(2).asText().startsWith("mp_obj_malloc_")) {
        return SnapshotDiffer.siteKey(f.get(2).asText(), file, file == null ? null : Integer.parseInt(location.substring(colon + 1)));
      }
    }
    return SnapshotDiffer.NO_SITE;
  }

  private static String joined(long[] v) {
    List<String> f = new ArrayList<>();
    for (long x : v) {
      f.add(Long.toString(x));
    }
    return String.join(",", f);
  }

  @Test
  void theTableReadsForAPersonAndBadRangesAreRefused() {
    CliRun run = CliRun.of("diff", "--capture", SAMPLE.toString(), "--from", "50", "--to", "119");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Snapshot 50 -> 119 (allocations matched by the log's lifespans)", "New allocations (");
    CliRun backwards = CliRun.of("diff", "--capture", SAMPLE.toString(), "--from", "119", "--to", "50");
    assertThat(backwards.exitCode()).isEqualTo(2);
    assertThat(backwards.err()).contains("give the earlier snapshot first");
  }
}
