package io.heapreel.cli;

import io.heapreel.model.open.Capture;
import io.heapreel.model.error.CaptureException;
import io.heapreel.model.capture.CaptureFiles;
import io.heapreel.model.capture.Snapshot;
import io.heapreel.model.heap.Allocation;
import io.heapreel.model.heap.HeapDecoder;
import io.heapreel.model.heap.HeapMapText;
import io.heapreel.model.heap.HeapStats;
import io.heapreel.model.export.LogAllocations;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.objects.ObjectInspector;
import io.heapreel.model.objects.ObjectJson;
import io.heapreel.model.objects.ObjectSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A human summary of one snapshot. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Summarise one snapshot: inputs, heap areas, block figures, a heap map, then the objects:"
          + " counts and blocks by type (built-in types, classes, instances by class name, raw blocks by role),"
          + " the largest objects, unknown / unreachable / flagged counts. With the capture's gdb log, blocks no owner"
          + " claims get the role of their allocation site, as in run's tables.",
      "With --json: one JSON document of every allocation (address, block, blocks, type, role, type_source, name, preview,"
          + " keys, reachable, refs) and every root (name, address, target) instead."
    })
public final class InspectCommand implements Callable<Integer> {
  @Mixin CaptureOptions capture;

  @Spec CommandSpec spec;

  @Mixin SnapshotOption snapshot;

  @Option(names = "--json", description = "Write the objects and roots of the snapshot as one JSON document to standard output.")
  boolean json;

  @Mixin LayoutOption layout;

  @Mixin LogOptions log;

  @Option(names = "--no-log", description = "Ignore the gdb log: blocks no owner claims get no role from their allocation site.")
  boolean noLog;

  @Option(names = "--largest", paramLabel = "N", defaultValue = "12", description = "How many of the largest objects to list (default: ${DEFAULT-VALUE}).")
  int largest;

  @Override
  public Integer call() throws IOException {
    if (largest < 0) {
      throw new CaptureException("--largest must be 0 or more, not " + largest);
    }
    try (Capture c = capture.open()) {
      long index = snapshot.index(c);
      Diagnostics.captureWarnings(c, spec.commandLine().getErr());
      Diagnostics.suspectSnapshot(c, index, spec.commandLine().getErr());
      SiteRules rules = log.rules(c);
      LogAllocations.Read replay = null;
      if (!noLog) {
        replay = replay(c, index, rules);
        LogCheck.ofSnapshot(c, index, replay, rules, spec.commandLine().getErr());
      }
      ObjectInspector inspector = inspector(c);
      ObjectSnapshot objects = withSiteRoles(c, index, replay, rules, inspector.inspect(c.snapshots().snapshot(index)));
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        // built whole before anything is written: a failure leaves no half document
        ByteArrayOutputStream doc = new ByteArrayOutputStream();
        ObjectJson.write(objects, inspector.layout(), doc);
        out.println(doc.toString(StandardCharsets.UTF_8));
      } else {
        print(c, index, out);
        out.println();
        out.println("Struct layout: " + inspector.layout().source());
        out.println("Object words: " + inspector.layout().repr().macro() + " (from " + inspector.layout().reprFrom() + ")");
        out.println("Floats: " + inspector.floats().describe());
        ObjectTable.print(objects, c.heap().bytesPerBlock(), largest, out);
      }
      out.flush();
    }
    return 0;
  }

  private ObjectInspector inspector(Capture c) {
    return layout.inspector(c);
  }

  /** The log replayed up to the snapshot, or null when the capture has no log. */
  private static LogAllocations.Read replay(Capture c, long index, SiteRules rules) {
    Path logFile = c.files().log();
    return logFile == null ? null : LogAllocations.read(logFile, rules, c.heap(), List.of(index));
  }

  /** The roles the log's allocation sites give the blocks no owner claims, as the tables and exports have them. */
  private static ObjectSnapshot withSiteRoles(Capture c, long index, LogAllocations.Read replay, SiteRules rules, ObjectSnapshot objects) {
    LogAllocations allocations = replay == null ? null : replay.bySnapshot().get(index);
    if (allocations == null) {
      return objects;
    }
    return objects.withSiteRoles(block -> allocations.siteRole(c.heap().blockAddress(block), rules), c.heap());
  }


  static void print(Capture c, long index, PrintWriter out) {
    CaptureFiles f = c.files();
    out.println("Inputs");
    out.println("  ram       " + c.snapshots().name());
    out.println("  symbols   " + (f.elf() != null ? f.elf() : f.map()) + " (" + c.symbols().size() + " symbols, " + c.types().size() + " built-in types)");
    out.println("  log       " + orNone(f.log()));
    out.println("  rom       " + orNone(f.rom()));
    out.println("  RAM span  " + c.ram());
    out.println("  word size " + c.wordSizeFound().bytes() + " bytes (from " + c.wordSizeFound().source() + ")");
    out.printf("  snapshots %d%s%n", c.snapshots().count(),
        c.snapshots().partialBytes() > 0 ? " (+ a partial one of " + c.snapshots().partialBytes() + " bytes, ignored)" : "");
    out.println();
    out.println("Heap (found by " + c.heap().describe() + ")");
    Snapshot s = c.snapshots().snapshot(index);
    HeapDecoder decoder = c.decoder();
    long present = decoder.present(s).areas();
    for (int a = 0; a < c.heap().areas().size(); a++) {
      out.println("  " + c.heap().areas().get(a) + ((present & (1L << a)) == 0 ? " (not in snapshot " + index + ")" : ""));
    }
    out.println();

    HeapStats st = decoder.stats(s);
    int bpb = c.heap().bytesPerBlock();
    out.println("Snapshot " + index + " of " + c.snapshots().count());
    out.printf("  objects %d (%d marked, %d with finaliser)%n", st.objects(), st.marked(), st.finaliserBlocks());
    out.printf("  allocated %d blocks (%d bytes): %d heads, %d tails (%d orphan)%n",
        st.allocatedBlocks(), (long) st.allocatedBlocks() * bpb, st.objects(), st.tailBlocks(), st.orphanTailBlocks());
    out.printf("  free %d blocks (%d bytes) in %d run%s, largest %d blocks (%d bytes)%n",
        st.freeBlocks(), (long) st.freeBlocks() * bpb, st.freeRuns(), st.freeRuns() == 1 ? "" : "s", st.largestFreeBlocks(), (long) st.largestFreeBlocks() * bpb);
    out.printf("  used %.1f%% of %d blocks%n", 100.0 * st.allocatedBlocks() / st.totalBlocks(), st.totalBlocks());
    if (st.suspect() != null) {
      out.println("  SUSPECT: no collector leaves this allocation table: " + st.suspect());
    }
    out.println();

    List<Allocation> allocations = decoder.allocations(s);
    out.println("Blocks by built-in type");
    Map<String, int[]> byType = new TreeMap<>();
    for (Allocation a : allocations) {
      int[] t = byType.computeIfAbsent(a.builtinType() == null ? "(not a built-in type)" : a.builtinType(), k -> new int[2]);
      t[0]++;
      t[1] += a.blocks();
    }
    int width = byType.keySet().stream().mapToInt(String::length).max().orElse(4);
    String row = "  %-" + width + "s %8s %8s %10s%n";
    out.printf(row, "type", "objects", "blocks", "bytes");
    byType.entrySet().stream()
        .sorted((x, y) -> Integer.compare(y.getValue()[1], x.getValue()[1]))
        .forEach(e -> out.printf(row, e.getKey(), e.getValue()[0], e.getValue()[1], (long) e.getValue()[1] * bpb));
    out.println();
    out.println("Heap map (" + HeapMapText.BLOCKS_PER_LINE + " blocks a line)");
    out.println("  " + HeapMapText.legend());
    out.print(HeapMapText.render(s, c.heap(), allocations));
  }

  private static String orNone(Path p) {
    return p == null ? "(none)" : p.toString();
  }
}
