package io.heapreel.cli;

import io.heapreel.model.open.Capture;
import io.heapreel.model.open.CaptureSpec;
import io.heapreel.model.error.CaptureException;
import io.heapreel.model.capture.Memory;
import io.heapreel.model.heap.HeapDecoder;
import io.heapreel.model.heap.HeapStats;
import io.heapreel.model.lifespan.SiteRules;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Block-level figures of every snapshot as CSV. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = "Write block-level figures of each snapshot as CSV to stdout.")
public final class StatsCommand implements Callable<Integer> {
  public static final String HEADER =
      "snapshot,objects,marked,allocated_blocks,tail_blocks,orphan_tail_blocks,free_blocks,largest_free_blocks,free_runs,finaliser_blocks";

  @Mixin CaptureOptions capture;

  @Spec CommandSpec spec;

  @Option(names = "--from", paramLabel = "N", description = "First snapshot (default 0).")
  long from;

  @Option(names = "--to", paramLabel = "M", description = "Last snapshot, inclusive (default: the last).")
  Long to;

  @Override
  public Integer call() {
    CaptureSpec files = capture.spec();
    // the log is read on the other core while this one opens the capture (its symbols, the heap)
    LogCheck.Ahead log = LogCheck.ahead(files, SiteRules.MICROPYTHON);
    try (Capture c = Capture.open(files)) {
      long count = c.snapshots().count();
      long last = to == null ? count - 1 : Math.min(to, count - 1);
      if (from < 0 || from > last) {
        throw new CaptureException("--from " + from + " --to " + last + " selects no snapshot (there are " + count + ")");
      }
      Diagnostics.captureWarnings(c, spec.commandLine().getErr());
      if (to != null && to > count - 1) {
        spec.commandLine().getErr().printf("heapreel: warning: --to %d is past the last snapshot (%d of 0..%d): stopping there%n", to, count - 1, count - 1);
      }
      PrintWriter out = spec.commandLine().getOut();
      LogCheck check = log.check(c, spec.commandLine().getErr());
      List<String> suspect = write(c, from, last, out, check);
      out.flush();
      Diagnostics.suspectSnapshots(suspect, spec.commandLine().getErr());
      if (check != null) {
        check.report(spec.commandLine().getErr());
      }
    }
    return 0;
  }

  /** Writes the rows; returns "snapshot N: why" for each snapshot no collector could have left. */
  static List<String> write(Capture c, long from, long last, Writer out) {
    return write(c, from, last, out, null);
  }

  /** The same, checking each snapshot against its own event as it goes when {@code check} is given. */
  static List<String> write(Capture c, long from, long last, Writer out, LogCheck check) {
    List<String> suspect = new ArrayList<>();
    HeapDecoder decoder = c.decoder();
    StringBuilder row = new StringBuilder(96);
    try {
      out.write(HEADER);
      out.write('\n');
      for (long i = from; i <= last; i++) {
        Memory snapshot = c.snapshots().snapshot(i);
        HeapStats s = decoder.stats(snapshot);
        if (check != null) {
          check.check(i, snapshot);
        }
        row.setLength(0);
        row.append(i).append(',').append(s.objects()).append(',').append(s.marked())
            .append(',').append(s.allocatedBlocks()).append(',').append(s.tailBlocks())
            .append(',').append(s.orphanTailBlocks()).append(',').append(s.freeBlocks())
            .append(',').append(s.largestFreeBlocks()).append(',').append(s.freeRuns())
            .append(',').append(s.finaliserBlocks()).append('\n');
        out.append(row);
        if (s.suspect() != null) {
          suspect.add("snapshot " + i + ": " + s.suspect());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return suspect;
  }
}
