package io.heapreel.pipeline;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.beam.sdk.PipelineResult;

/**
 * Follows a running pipeline from the launcher thread by polling its counters: a console bar of
 * snapshots decoded (with rate and ETA) and the events parsed and rows written beside it. Notes
 * when each stage's counter reached its total, for the wall time per stage in run.json.
 */
final class ProgressMonitor {
  private static final org.joda.time.Duration POLL = org.joda.time.Duration.millis(250);

  private final PipelineResult result;
  private final long snapshots;
  private final PrintStream console;
  private final boolean show;
  private final Map<String, Double> stageSeconds = new LinkedHashMap<>();

  ProgressMonitor(PipelineResult result, long snapshots, PrintStream console, boolean show) {
    this.result = result;
    this.snapshots = snapshots;
    this.console = console;
    this.show = show;
  }

  /** Polls until the pipeline ends; returns its final state (a failure is thrown by Beam). */
  PipelineResult.State follow() {
    long start = System.nanoTime();
    ProgressBar bar = show ? bar() : null;
    try {
      PipelineResult.State state;
      do {
        state = result.waitUntilFinish(POLL);
        PipelineCounters c = PipelineCounters.of(result);
        long decoded = c.get(Counters.SNAPSHOTS_DECODED);
        if (decoded >= snapshots && !stageSeconds.containsKey("decode_snapshots")) {
          stageSeconds.put("decode_snapshots", seconds(start));
        }
        if (bar != null) {
          bar.stepTo(Math.min(decoded, snapshots));
          bar.setExtraMessage(
              String.format(" events %,d  rows %,d", c.get(Counters.EVENTS_PARSED), c.get(Counters.ROWS_WRITTEN)));
        }
      } while (state == null || !state.isTerminal());
      return state;
    } finally {
      if (bar != null) {
        bar.close();
      }
    }
  }

  Map<String, Double> stageSeconds() {
    return stageSeconds;
  }

  private ProgressBar bar() {
    return new ProgressBarBuilder()
        .setTaskName("snapshots")
        .setInitialMax(snapshots)
        .setUnit(" snapshots", 1)
        .showSpeed()
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(250)
        .setConsumer(new ConsoleProgressBarConsumer(console))
        .build();
  }

  static double seconds(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos).toMillis() / 1000.0;
  }
}
