package io.heapreel.cli;

import io.heapreel.model.open.Capture;
import io.heapreel.model.error.CaptureException;
import io.heapreel.model.graphviz.GraphCut;
import io.heapreel.model.graphviz.Graphviz;
import io.heapreel.model.graphviz.ObjectGraphDot;
import io.heapreel.model.objects.ObjectSnapshot;
import io.heapreel.model.render.ObjectColours;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** One snapshot's objects and references as a Graphviz drawing. */
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    description = {
      "Draw one snapshot's object graph: a box per allocation (type, name, preview; size by blocks, colour by type"
          + " as in the frames), an arrow per reference, the roots as nodes of their own.",
      "--out FILE.dot writes Graphviz DOT; FILE.svg and FILE.png are laid out by Graphviz's dot program.",
      "--from, --depth and --max-nodes draw a part: what a root, a symbol's root words, 'stack' or an allocation"
          + " reaches within K references; when that is more than M objects, the biggest retained subtrees first,"
          + " and what each drawn object alone keeps alive but is left out is counted in a note beside it."
    })
public final class GraphCommand implements Callable<Integer> {
  @Mixin CaptureOptions capture;

  @Spec CommandSpec spec;

  @Mixin SnapshotOption snapshot;

  @Option(names = "--from", paramLabel = "ROOT|ADDRESS",
      description = "Start at a root (mp_state_ctx+104), all root words of a symbol (mp_state_ctx) or of the stack (stack),"
          + " or the allocation holding an address (0x20001230). Default: all roots.")
  String from;

  @Option(names = "--depth", paramLabel = "K", description = "Draw what lies within K references of the start (default: no limit).")
  Integer depth;

  @Option(names = "--max-nodes", paramLabel = "M", defaultValue = "400",
      description = "Draw at most M allocations, the biggest retained subtrees first (default: ${DEFAULT-VALUE}).")
  int maxNodes;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "FILE.dot, FILE.svg or FILE.png.")
  Path out;

  @Mixin LayoutOption layout;

  @Override
  public Integer call() {
    if (Graphviz.format(out) == null) {
      throw new CaptureException(out + ": the graph is written as .dot, .svg or .png; name the file so");
    }
    if (maxNodes < 1 || (depth != null && depth < 0)) {
      throw new CaptureException("--max-nodes must be at least 1 and --depth at least 0");
    }
    try (Capture c = capture.open()) {
      long index = snapshot.index(c);
      Diagnostics.captureWarnings(c, spec.commandLine().getErr());
      ObjectSnapshot objects = layout.inspector(c).inspect(c.snapshots().snapshot(index));
      GraphCut cut = GraphCut.of(objects, from, depth == null ? GraphCut.UNLIMITED : depth, maxNodes);
      String title = String.format("%s: snapshot %d, %d of %d allocations%s%s", folderOf(c.snapshots().name()), index,
          cut.objects().size(), objects.objects().size(), from == null ? "" : " from " + from, depth == null ? "" : " within " + depth + " references");
      String dot = new ObjectGraphDot(o -> ObjectColours.colour(o, c.types()), c.heap().bytesPerBlock()).dot(objects, cut, title);
      new Graphviz().write(dot, out);
      spec.commandLine().getErr().printf("heapreel: %d of %d allocations and %d root words drawn to %s%n",
          cut.objects().size(), objects.objects().size(), cut.roots().size(), out);
    }
    return 0;
  }

  /** The capture's name in the title: the folder of the RAM dumps, a path or a URI (--ram hdfs://...). */
  static String folderOf(String ram) {
    String folder = ram.contains("/") ? ram.substring(0, ram.lastIndexOf('/')) : ram;
    return folder.substring(folder.lastIndexOf('/') + 1);
  }
}
