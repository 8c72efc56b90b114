package io.heapreel.cli;

import io.heapreel.model.open.Capture;
import io.heapreel.model.capture.SnapshotFile;
import io.heapreel.model.heap.HeapDecoder;
import io.heapreel.model.render.FrameInput;
import io.heapreel.model.render.FrameRenderer;
import io.heapreel.model.render.FrameInputs;
import io.heapreel.model.render.FramePainter;
import io.heapreel.model.render.FreeTimeline;
import io.heapreel.model.render.IndexedRaster;
import io.heapreel.model.render.PngEncoder;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
      HeapDecoder decoder = c.decoder();
      long t0 = System.nanoTime();
      FreeTimeline timeline = FrameInputs.timeline(c.snapshots(), decoder);
      double timelineSeconds = (System.nanoTime() - t0) / 1e9;
      long count = c.snapshots().count();
      out.printf(Locale.ROOT, "capture: %d snapshots, %d blocks; free-space timeline %.2f s%n", count, timeline.totalBlocks(), timelineSeconds);
      for (int round = 0; round < Math.max(1, rounds); round++) {
        long start = System.nanoTime();
        long[] phases = run(c, decoder, timeline, n);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT,
            "round %d: %d frames in %.2f s = %.0f frames/s on %d threads (%.0f frames per CPU-second);"
                + " per frame: decode and type %.2f ms, paint %.2f ms, encode %.2f ms (wall, per thread), %d bytes PNG on average%n",
            round + 1, count, seconds, count / seconds, n, count / (phases[4] / 1e9),
            phases[0] / 1e6 / count, phases[1] / 1e6 / count, phases[2] / 1e6 / count, phases[3] / count);
        out.flush();
      }
    }
    return 0;
  }

  private long[] run(Capture c, HeapDecoder decoder, FreeTimeline timeline, int n) throws Exception {
    FrameRenderer renderer = new FrameRenderer(decoder, Diagnostics.objectsOrBuiltinColours(c, spec.commandLine().getErr()));
    FramePainter painter = new FramePainter();
    PngEncoder encoder = new PngEncoder(level);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    long count = c.snapshots().count();
    try {
      List<Future<long[]>> parts = new ArrayList<>();
      for (int t = 0; t < n; t++) {
        int worker = t;
        parts.add(pool.submit(() -> {
          long[] phases = new long[5];
          long cpuStart = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
          try (SnapshotFile file = c.snapshots().reopen()) {
            for (long i = worker; i < count; i += n) {
              long a = System.nanoTime();
              FrameInput input = renderer.input(file.snapshot(i), null, timeline);
              long b = System.nanoTime();
              IndexedRaster raster = painter.paint(input);
              long d = System.nanoTime();
              byte[] png = encoder.encode(raster);
              long e = System.nanoTime();
              phases[0] += b - a;
              phases[1] += d - b;
              phases[2] += e - d;
              phases[3] += png.length;
            }
          }
          phases[4] = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart;
          return phases;
        }));
      }
      long[] sum = new long[5];
      for (Future<long[]> p : parts) {
        long[] phases = p.get();
        for (int k = 0; k < 5; k++) {
          sum[k] += phases[k];
        }
      }
      return sum;
    } finally {
      pool.shutdownNow();
    }
  }
}
