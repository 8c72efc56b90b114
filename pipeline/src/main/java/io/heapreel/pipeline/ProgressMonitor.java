package io.heapreel.pipeline;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.beam.sdk.PipelineResult;

/**
 * Follows a running pipeline from the launcher thread by polling its counters. On a terminal: a
 * bar of snapshots decoded (with rate and ETA), the log's events and the rows written beside it;
 * when the snapshots are done and the log is not, a second bar for the log's events. Otherwise a
 * plain line of the same counts every {@link #LINE_EVERY_NANOS} (none for a shorter run). Notes
 * when the decode counter reached its total, for the wall time per stage in run.json.
 *
 * <p>The DirectRunner reports a step's counters when it finishes an element, and the log is one
 * element read from start to end, so its own counters arrive only at its end. Until then its
 * progress is read from the events files it has written (a file every
 * {@link ReplayLogFn#ROWS_PER_FILE} events, each full but the last).
 */
final class ProgressMonitor {
  private static final org.joda.time.Duration POLL = org.joda.time.Duration.millis(250);
  static final long LINE_EVERY_NANOS = 5_000_000_000L;

  private final PipelineResult result;
  private final long snapshots;
  private final LongSupplier eventsWritten;
  private final PrintStream console;
  private final boolean show;
  private final boolean bars;
  private final Map<String, Double> stageSeconds = new LinkedHashMap<>();

  /**
   * @param eventsWritten events in the events files written so far, or null when the capture has no log
   */
  ProgressMonitor(PipelineResult result, long snapshots, LongSupplier eventsWritten, PrintStream console, boolean show) {
    this.result = result;
    this.snapshots = snapshots;
    this.eventsWritten = eventsWritten;
    this.console = console;
    this.show = show;
    this.bars = Terminal.stderr();
  }

  /** Polls until the pipeline ends; returns its final state (a failure is thrown by Beam). */
  PipelineResult.State follow() {
    long start = System.nanoTime();
    ProgressBar bar = show && bars ? bar("snapshots", 0, start) : null;
    boolean logBar = false;
    long nextLine = start + LINE_EVERY_NANOS;
    try {
      PipelineResult.State state;
      do {
        state = result.waitUntilFinish(POLL);
        PipelineCounters c = PipelineCounters.of(result);
        long decoded = Math.min(c.get(Counters.SNAPSHOTS_DECODED), snapshots);
        if (decoded >= snapshots && !stageSeconds.containsKey("decode_snapshots")) {
          stageSeconds.put("decode_snapshots", seconds(start));
        }
        if (show && !bars && System.nanoTime() >= nextLine && (state == null || !state.isTerminal())) {
          nextLine += LINE_EVERY_NANOS;
          console.println(line(decoded, c, start));
          console.flush();
        }
        if (bar == null) {
          continue;
        }
        long events = events(c);
        if (!logBar && decoded >= snapshots && eventsWritten != null && events < snapshots && (state == null || !state.isTerminal())) {
          bar.stepTo(decoded);
          bar.close();
          bar = bar("log events", events, start);
          logBar = true;
        }
        bar.stepTo(logBar ? events : decoded);
        long rows = c.get(Counters.ROWS_WRITTEN) + (c.get(Counters.EVENTS_PARSED) == 0 ? events : 0);
        bar.setExtraMessage(
            logBar || eventsWritten == null ? String.format(" rows %,d", rows) : String.format(" events %,d rows %,d", events, rows));
      } while (state == null || !state.isTerminal());
      return state;
    } finally {
      if (bar != null) {
        bar.close();
      }
    }
  }

  /** {@code heapreel: 1,024/2,737 snapshots decoded, 800 log events, 5,474 rows written (0:00:05)} */
  private String line(long decoded, PipelineCounters c, long startNanos) {
    StringBuilder s = new StringBuilder(String.format("heapreel: %,d/%,d snapshots decoded", decoded, snapshots));
    long events = events(c);
    if (eventsWritten != null) {
      s.append(String.format(", %,d log events", events));
    }
    long rows = c.get(Counters.ROWS_WRITTEN) + (c.get(Counters.EVENTS_PARSED) == 0 ? events : 0);
    long secs = Duration.ofNanos(System.nanoTime() - startNanos).toSeconds();
    return s.append(String.format(", %,d rows written (%d:%02d:%02d)", rows, secs / 3600, secs / 60 % 60, secs % 60)).toString();
  }

  /** The log's events so far: its counter once the log is done, else those in the events files; at most one per snapshot. */
  private long events(PipelineCounters c) {
    if (eventsWritten == null) {
      return 0;
    }
    long counted = c.get(Counters.EVENTS_PARSED);
    return Math.min(counted > 0 ? counted : eventsWritten.getAsLong(), snapshots);
  }

  Map<String, Double> stageSeconds() {
    return stageSeconds;
  }

  private ProgressBar bar(String task, long done, long startNanos) {
    return new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(snapshots)
        .startsFrom(done, Duration.ofNanos(System.nanoTime() - startNanos))
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
