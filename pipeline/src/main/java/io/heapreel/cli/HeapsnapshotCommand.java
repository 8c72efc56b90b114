package io.heapreel.cli;

import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.open.Capture;
import io.heapreel.model.error.CaptureException;
import io.heapreel.model.export.GraphNode;
import io.heapreel.model.export.HeapGraph;
import io.heapreel.model.export.HeapSnapshotExport;
import io.heapreel.model.export.NodeType;
import io.heapreel.model.export.LogAllocations;
import io.heapreel.model.objects.ObjectInspector;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** One snapshot as a Chrome DevTools heap snapshot. */
@Command(
    name = "heapsnapshot",
    mixinStandardHelpOptions = true,
    description = {
      "Export one snapshot as a Chrome DevTools .heapsnapshot file.",
      "",
      "Open it in Chrome: DevTools > Memory > Load (the button under the profiles list), then use Summary "
          + "(objects by type or class), Containment, Retainers, Allocation stack, and Comparison against another "
          + "exported snapshot of the same capture.",
      "",
      "GC roots are children of the root named after their symbol (mp_state_ctx+104) and 'stack'; objects no root "
          + "reaches are under '(unreachable)'. str objects carry their text, raw blocks are named by role "
          + "(map_table, list_items, ...), map table values are properties named by their key.",
      "",
      "With the capture's gdb log, an object's id is the event that allocated it (Comparison matches objects "
          + "exactly) and its allocation stack is that event's backtrace from the allocation site outwards.",
      ""
    })
public final class HeapsnapshotCommand implements Callable<Integer> {
  @Mixin CaptureOptions capture;

  @Spec CommandSpec spec;

  @Mixin SnapshotOption snapshot;

  @Option(names = "--out", paramLabel = "FILE.heapsnapshot", required = true, description = "The file to write (replaced atomically).")
  Path out;

  @Mixin LogOptions log;

  @Mixin ProgressOptions console;

  @Option(names = "--no-log", description = "Ignore the gdb log: no allocation stacks, object ids by head block.")
  boolean noLog;

  @Mixin LayoutOption layout;

  @Override
  public Integer call() {
    try (Capture c = capture.open()) {
      long index = snapshot.index(c);
      Diagnostics.captureWarnings(c, spec.commandLine().getErr());
      Diagnostics.suspectSnapshot(c, index, spec.commandLine().getErr());
      SiteRules rules = log.rules(c);
      LogAllocations.Read replay = noLog || c.files().log() == null ? null : LogAllocations.read(c.files().log(), rules, c.heap(), List.of(index));
      if (!noLog) {
        LogCheck.ofSnapshot(c, index, replay, rules, spec.commandLine().getErr());
      }
      HeapGraph graph;
      try {
        graph = exporter(c, replay, rules).write(index, out);
      } catch (UncheckedIOException e) {
        throw new CaptureException(e.getMessage(), e);
      }
      PrintWriter w = console.summary(spec.commandLine().getOut());
      long objects = 0;
      long bytes = 0;
      for (GraphNode n : graph.nodes()) {
        if (n.type() != NodeType.SYNTHETIC) {
          objects++;
          bytes += n.selfSize();
        }
      }
      w.printf("%s: snapshot %d of %d, %d objects (%d bytes), %d nodes, %d edges%n",
          out, index, c.snapshots().count(), objects, bytes, graph.nodes().size(), graph.edgeCount());
      w.flush();
    }
    return 0;
  }

  /** {@code replay}: the log replayed up to the snapshot, null without a log or with --no-log. */
  private HeapSnapshotExport exporter(Capture c, LogAllocations.Read replay, SiteRules rules) {
    if (replay == null) {
      if (!noLog) {
        spec.commandLine().getErr().println("heapreel: warning: no gdb log: object ids are head blocks and there are no allocation stacks");
      }
      return HeapSnapshotExport.withoutLog(c, inspector(c));
    }
    return HeapSnapshotExport.withLog(c, inspector(c), replay.bySnapshot(), rules);
  }

  private ObjectInspector inspector(Capture c) {
    return layout.inspector(c);
  }

}
