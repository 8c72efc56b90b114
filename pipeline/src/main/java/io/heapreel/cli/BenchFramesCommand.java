package io.heapreel.cli;

import io.heapreel.model.open.Capture;
import io.heapreel.testkit.bench.FramesBench;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Frame rendering throughput, in memory (no files), split into decode / paint / encode. */
@Command(
    name = "bench-frames",
    mixinStandardHelpOptions = true,
    description = "Measure frame rendering speed on a capture: every snapshot is decoded, painted and PNG-encoded"
        + " in memory (nothing is written); prints frames/s overall, frames per CPU-second (what a core"
        + " gives when nothing else runs) and the time of each step.")
public final class BenchFramesCommand implements Callable<Integer> {
  @Mixin CaptureOptions capture;

  @Spec CommandSpec spec;

  @Option(names = "--threads", paramLabel = "N", description = "Threads (default: the number of processors).")
  Integer threads;

  @Option(names = "--rounds", paramLabel = "N", defaultValue = "2", description = "Passes over the capture; the first warms the JIT up and is not counted unless it is the only one (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--png-level", paramLabel = "0-9", defaultValue = "1", description = "Deflate level of the PNG encoder (default: ${DEFAULT-VALUE}).")
  int level;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    int n = threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors();
    try (Capture c = capture.open()) {
      FramesBench bench = new FramesBench(c, Diagnostics.objectsOrBuiltinColours(c, spec.commandLine().getErr()), n, level);
      long count = c.snapshots().count();
      out.printf(Locale.ROOT, "capture: %d snapshots, %d blocks; free-space timeline %.2f s%n", count, bench.timeline().totalBlocks(), bench.timelineSeconds());
      for (int round = 0; round < Math.max(1, rounds); round++) {
        FramesBench.Round r = bench.round();
        out.printf(Locale.ROOT,
            "round %d: %d frames in %.2f s = %.0f frames/s on %d threads (%.0f frames per CPU-second);"
                + " per frame: decode and type %.2f ms, paint %.2f ms, encode %.2f ms (wall, per thread), %d bytes PNG on average%n",
            round + 1, count, r.seconds(), count / r.seconds(), n, count / (r.cpuNanos() / 1e9),
            r.decodeNanos() / 1e6 / count, r.paintNanos() / 1e6 / count, r.encodeNanos() / 1e6 / count, r.pngBytes() / count);
        out.flush();
      }
    }
    return 0;
  }
}
