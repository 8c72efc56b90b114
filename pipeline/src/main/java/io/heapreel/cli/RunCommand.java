package io.heapreel.cli;

import io.heapreel.model.error.CaptureException;
import io.heapreel.model.open.CaptureSpec;
import io.heapreel.pipeline.BeamOptions;
import io.heapreel.pipeline.HeapreelRun;
import io.heapreel.pipeline.RunSettings;
import io.heapreel.pipeline.RunnerStart;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.options.PipelineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Model.CommandSpec;

/** The whole capture into Parquet tables through the Beam pipeline. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Turn a whole capture into Parquet tables (OUT/tables/<table>/*.parquet), a run summary (OUT/run.json) and an"
          + " HTML report (OUT/report.html).",
      "Runs in-process on Beam's DirectRunner; any other Beam option (--runner=FlinkRunner --flinkMaster=[local],"
          + " --targetParallelism=N, ...) is passed on to Beam as --name=value."
    })
public final class RunCommand implements Callable<Integer> {
  @Mixin CaptureOptions capture;
  @Mixin LogOptions log;

  @Option(names = "--out", paramLabel = "OUT", required = true, description = "Output folder for tables/ and run.json.")
  Path out;

  @Option(
      names = "--key-frames",
      paramLabel = "N|LIST|last",
      defaultValue = RunSettings.DEFAULT_KEY_FRAMES,
      description = "Snapshots with full object detail: every N-th (default ${DEFAULT-VALUE}), a list like 10,200,4000, or 'last'; the last snapshot always is one.")
  String keyFrames;

  @Option(
      names = {"--snapshots-per-split", "--snapshotsPerSplit"},
      paramLabel = "N",
      defaultValue = "0",
      description = "Snapshots per split of ram.bin (default ${DEFAULT-VALUE}: chosen from the capture size and the parallelism).")
  long snapshotsPerSplit;

  @Mixin ProgressOptions progress;

  @Option(names = "--no-report", negatable = false, description = "Do not write the HTML report OUT/report.html.")
  boolean noReport;

  @Option(names = "--frames", description = "Render a heap-layout frame per selected snapshot into OUT/frames/heap_NNNNNN.png.")
  boolean frames;

  @Mixin FrameRangeOptions frameRange;

  @Option(names = "--video", description = "Also assemble the frames into OUT/heap.mp4 (needs ffmpeg; without it OUT/heap.gif). Implies --frames.")
  boolean video;

  @Option(names = "--fps", paramLabel = "N", defaultValue = RunSettings.DEFAULT_FPS, description = "Frames per second of the video (default ${DEFAULT-VALUE}).")
  double fps;

  @Option(names = "--heapsnapshots", paramLabel = "N,M,...|last", description = "Export these snapshots for Chrome DevTools into OUT/heapsnapshots/heap_NNNNNN.heapsnapshot.")
  String heapsnapshots;

  /** Everything picocli does not know is a Beam option. */
  @Unmatched
  List<String> beamArgs = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PipelineOptions runner = beamOptions();
    CaptureSpec captureSpec = capture.spec();
    RunSettings settings = new RunSettings(
        out, keyFrames, snapshotsPerSplit, progress.showProgress(), frames, frameRange.every, frameRange.range, video, fps, heapsnapshots, !noReport);
    PrintStream console = System.err;
    PrintWriter summary = progress.summary(spec.commandLine().getOut());
    new HeapreelRun(captureSpec, log.rules(), settings, runner, console, summary).run();
    return 0;
  }

  /** Beam's own options (the runner and its settings) from the arguments picocli did not take. */
  private PipelineOptions beamOptions() {
    try {
      return BeamOptions.of(beamArgs);
    } catch (IllegalArgumentException | ServiceConfigurationError e) {
      String hint = e.getMessage() != null && e.getMessage().contains("Unknown 'runner'") ? "; " + RunnerStart.howToGet(runnerName()) : "";
      throw new CaptureException("Beam options " + beamArgs + ": " + e.getMessage() + hint, e);
    }
  }

  private String runnerName() {
    return beamArgs.stream().filter(a -> a.startsWith("--runner=")).map(a -> a.substring("--runner=".length())).findFirst().orElse("");
  }
}
