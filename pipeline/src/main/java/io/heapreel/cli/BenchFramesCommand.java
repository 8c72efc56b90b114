package io.heapreel.cli;

import io.heapreel.model.open.Capture;
import io.heapreel.model.render.FrameEvent;
import io.heapreel.model.render.FrameEvents;
import io.heapreel.model.render.PngEncoder;
import io.heapreel.testkit.bench.FramesBench;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The frames job's throughput in memory (no files), and one thread's split into decode / paint / encode. */
@Command(
    name = "bench-frames",
    mixinStandardHelpOptions = true,
    description = "Measure frame rendering speed on a capture: the frames job (the one 'frames' and 'run --frames' run:"
        + " log captions, object colours, PNG) renders every snapshot in memory (nothing is written), a warm-up pass and"
        + " --rounds more; prints frames/s (wall) and CPU time a frame (the whole process, JIT and GC included) as"
        + " min/median/max beside the 600 frames/s target, then one thread's CPU time in each step.")
public final class BenchFramesCommand implements Callable<Integer> {
  @Mixin CaptureOptions capture;

  @Mixin LogOptions logOptions;

  @Spec CommandSpec spec;

  @Mixin ThreadsOption threads;

  @Option(names = "--rounds", paramLabel = "N", defaultValue = "5", description = "Passes counted, after one warm-up pass (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--png-level", paramLabel = "0-9", defaultValue = "" + PngEncoder.DEFAULT_LEVEL, description = "Deflate level of the one-thread split (default: ${DEFAULT-VALUE}, what frames use).")
  int level;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (level < 0 || level > 9) {
      throw new io.heapreel.model.error.CaptureException("--png-level must be 0-9, not " + level);
    }
    int cores = Runtime.getRuntime().availableProcessors();
    int n = threads.count();
    try (Capture c = capture.open()) {
      Path log = c.files().log();
      Map<Long, FrameEvent> captions = log != null && Files.isRegularFile(log) ? FrameEvents.read(log, logOptions.rules(c), c.heap(), s -> true) : Map.of();
      FramesBench bench = new FramesBench(c, Diagnostics.objectsOrBuiltinColours(c, err), captions, n);
      out.printf(Locale.ROOT, "capture: %d snapshots, %d blocks, %d captions; free-space timeline %.2f s; %d threads on %d cores%n",
          c.snapshots().count(), bench.timeline().totalBlocks(), captions.size(), bench.timelineSeconds(), n, cores);
      List<Double> rates = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      for (int round = 0; round <= Math.max(1, rounds); round++) {
        FramesBench.Round r = bench.round();
        out.printf(Locale.ROOT, "%-8s %d frames in %.2f s = %.0f frames/s; CPU %.3f ms a frame; %d bytes PNG on average%n",
            round == 0 ? "warm-up:" : "round " + round + ":", r.frames(), r.seconds(), r.framesPerSecond(), r.cpuMillisPerFrame(),
            r.pngBytes() / Math.max(1, r.frames()));
        out.flush();
        if (round > 0) {
          rates.add(r.framesPerSecond());
          cpu.add(r.cpuMillisPerFrame());
        }
      }
      out.printf(Locale.ROOT, "frames/s (wall, %d threads): min %.0f median %.0f max %.0f   target %.0f%n",
          n, Collections.min(rates), FramesBench.median(rates), Collections.max(rates), FramesBench.TARGET_FRAMES_PER_SECOND);
      out.printf(Locale.ROOT, "CPU a frame (process): min %.3f median %.3f max %.3f ms, so at most %.0f frames/s on %d idle cores%n",
          Collections.min(cpu), FramesBench.median(cpu), Collections.max(cpu), cores * 1000 / FramesBench.median(cpu), cores);
      out.flush();
      FramesBench.Steps s = bench.steps(level);
      long f = Math.max(1, s.frames());
      out.printf(Locale.ROOT, "one thread, CPU a frame: decode and type %.3f ms, paint %.3f ms, PNG (deflate level %d) %.3f ms; %d bytes PNG on average%n",
          s.decodeNanos() / 1e6 / f, s.paintNanos() / 1e6 / f, level, s.encodeNanos() / 1e6 / f, s.pngBytes() / f);
    }
    return 0;
  }
}
