package io.heapreel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.heapreel.model.open.Capture;
import io.heapreel.model.error.CaptureException;
import io.heapreel.model.diff.SnapshotDiff;
import io.heapreel.model.diff.SnapshotDiffer;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.lifespan.TypedLifespans;
import io.heapreel.model.lifespan.TypedLog;
import io.heapreel.model.objects.ObjectInspector;
import io.heapreel.model.objects.ObjectSnapshot;
import io.heapreel.model.objects.SnapshotTyper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What was allocated, freed and kept between two snapshots. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Compare two snapshots: allocations made (in --to, not in --from), freed (in --from, not in --to) and survived"
          + " (in both), counts and blocks, by type or by call site; with the log also the transients (made after --from"
          + " and gone by --to); then the new allocations with their previews.",
      "With the log, an allocation is the same in both when the lifespans say so; without it (or for one older than the"
          + " log) when address, blocks and type agree. --by site needs the log."
    })
public final class DiffCommand implements Callable<Integer> {
  @Mixin CaptureOptions capture;
  @Mixin LogOptions log;

  @Spec CommandSpec spec;

  @Option(names = "--from", paramLabel = "A", required = true, description = "The earlier snapshot (index or 'last').")
  String from;

  @Option(names = "--to", paramLabel = "B", required = true, description = "The later snapshot (index or 'last').")
  String to;

  @Option(names = "--by", paramLabel = "type|site", defaultValue = "type", description = "Group by type or by call site (default: ${DEFAULT-VALUE}).")
  SnapshotDiffer.By by;

  @Option(names = "--json", description = "One JSON document instead of the table.")
  boolean json;

  @Option(names = "--new", paramLabel = "N", defaultValue = "20", description = "How many new allocations to list in the table, largest first (default: ${DEFAULT-VALUE}; --json lists all).")
  int newShown;

  @Mixin LayoutOption layout;

  @Override
  public Integer call() throws Exception {
    try (Capture c = capture.open()) {
      long a = c.snapshotIndex(from);
      long b = c.snapshotIndex(to);
      if (a > b) {
        throw new CaptureException("--from " + from + " comes after --to " + to + ": give the earlier snapshot first");
      }
      Diagnostics.captureWarnings(c, spec.commandLine().getErr());
      ObjectInspector inspector = layout.inspector(c);
      ObjectSnapshot before = inspector.inspect(c.snapshots().snapshot(a));
      ObjectSnapshot after = inspector.inspect(c.snapshots().snapshot(b));
      SnapshotDiff diff = differ(c, inspector).diff(before, after, by);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document(diff)));
      } else {
        print(diff, c.heap().bytesPerBlock(), out);
      }
      out.flush();
    }
    return 0;
  }

  private SnapshotDiffer differ(Capture c, ObjectInspector inspector) {
    Path logFile = c.files().log();
    if (logFile == null) {
      if (by == SnapshotDiffer.By.SITE) {
        throw new CaptureException("diff --by site needs the gdb log (mylog.txt in the capture, or --log FILE): call sites come from it");
      }
      return SnapshotDiffer.withoutLog();
    }
    SnapshotTyper typer = new SnapshotTyper(c.snapshots(), inspector, c.heap());
    SiteRules rules = log.rules(c);
    TypedLog replay = TypedLog.read(logFile, rules, typer, c.snapshots().count(), TypedLifespans.GRID);
    LogDiagnostics.damage(logFile, replay.summary(), replay.damage(), spec.commandLine().getErr());
    return SnapshotDiffer.withLog(replay.lifespans(), c.heap(), rules);
  }

  static Map<String, Object> document(SnapshotDiff d) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("from", d.from());
    doc.put("to", d.to());
    doc.put("by", d.by());
    doc.put("identity", d.identity());
    doc.put("total", group(d.total()));
    doc.put("groups", d.groups().stream().map(DiffCommand::group).toList());
    doc.put("new_objects", d.added().stream().map(n -> {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("address", String.format("0x%08x", n.address()));
      o.put("blocks", n.blocks());
      o.put("type", n.type());
      o.put("name", n.name());
      o.put("preview", n.preview());
      o.put("allocation_id", n.allocationId());
      o.put("site", n.site());
      return o;
    }).toList());
    return doc;
  }

  private static Map<String, Object> group(SnapshotDiff.Group g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", g.key());
    m.put("allocated", count(g.allocated()));
    m.put("freed", count(g.freed()));
    m.put("survived", count(g.survived()));
    m.put("transient", count(g.transients()));
    m.put("net_blocks", g.netBlocks());
    return m;
  }

  private static Map<String, Long> count(SnapshotDiff.Count c) {
    return Map.of("count", c.count(), "blocks", c.blocks());
  }

  private void print(SnapshotDiff d, int bytesPerBlock, PrintWriter out) {
    SnapshotDiff.Group t = d.total();
    out.printf("Snapshot %d -> %d (allocations matched by %s)%n", d.from(), d.to(),
        d.identity().equals("log") ? "the log's lifespans" : "address, blocks and type: no log");
    out.printf("  allocated %d (%d blocks, %d bytes), freed %d (%d blocks), survived %d (%d blocks); net %+d blocks%n",
        t.allocated().count(), t.allocated().blocks(), t.allocated().blocks() * bytesPerBlock, t.freed().count(), t.freed().blocks(),
        t.survived().count(), t.survived().blocks(), t.netBlocks());
    if (d.identity().equals("log")) {
      out.printf("  transients (allocated and gone in between) %d (%d blocks)%n", t.transients().count(), t.transients().blocks());
    }
    out.println();
    List<SnapshotDiff.Group> rows = d.groups();
    int width = Math.max(5, Math.min(60, rows.stream().mapToInt(g -> g.key().length()).max().orElse(5)));
    String row = "  %-" + width + "s %9s %9s %9s %9s %9s %9s %9s%n";
    out.printf(row, d.by(), "allocated", "blocks", "freed", "blocks", "survived", "net", "transient");
    for (SnapshotDiff.Group g : rows) {
      String key = g.key().length() > width ? g.key().substring(0, width - 1) + "\u2026" : g.key();
      out.printf(row, key, g.allocated().count(), g.allocated().blocks(), g.freed().count(), g.freed().blocks(),
          g.survived().count(), String.format("%+d", g.netBlocks()), d.identity().equals("log") ? g.transients().count() : "-");
    }
    out.println();
    out.printf("New allocations (%d; the %d largest)%n", d.added().size(), Math.min(newShown, d.added().size()));
    for (SnapshotDiff.Added n : d.added().subList(0, Math.min(newShown, d.added().size()))) {
      String detail = n.name() != null && !n.name().equals(n.type()) ? n.name() : "";
      if (n.preview() != null) {
        detail += (detail.isEmpty() ? "" : " ") + ("str".equals(n.type()) ? "'" + n.preview() + "'" : n.preview());
      }
      out.printf("  0x%08x %5d blocks %-20s %s%s%n", n.address(), n.blocks(), n.type(), detail, n.site() == null ? "" : "  @ " + n.site());
    }
  }
}
