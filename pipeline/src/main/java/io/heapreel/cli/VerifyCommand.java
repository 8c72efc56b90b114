package io.heapreel.cli;

import io.heapreel.model.open.Capture;
import io.heapreel.model.error.CaptureException;
import io.heapreel.model.gclog.LogSummary;
import io.heapreel.model.verify.CaptureVerifier;
import io.heapreel.model.verify.VerifyReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Whether the gdb log and the RAM dumps belong together. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check that the gdb log and the RAM dumps belong together: one record per snapshot, and every snapshot's"
          + " allocation table as the log predicts it at that event (alloc and realloc visible at once; a free"
          + " one event later; a sweep clears the head at once and its tails one event later).",
      "Finds a log shifted by a lost record, a dropped or reordered dump, and a log or map of another capture.",
      "Exit status: 0 when they hold together, 1 when they do not, 2 on unreadable input."
    })
public final class VerifyCommand implements Callable<Integer> {
  @Mixin CaptureOptions capture;
  @Mixin LogOptions log;

  @Spec CommandSpec spec;

  @Option(names = "--show", paramLabel = "N", defaultValue = "10", description = "Mismatches to print (default: ${DEFAULT-VALUE}).")
  int show;

  @Override
  public Integer call() {
    if (show < 0) {
      throw new CaptureException("--show must be 0 or more, not " + show);
    }
    try (Capture c = capture.open()) {
      Path logFile = c.files().requireLog();
      Diagnostics.captureWarnings(c, spec.commandLine().getErr());
      VerifyReport report = CaptureVerifier.verify(c, logFile, log.rules(c));
      PrintWriter out = spec.commandLine().getOut();
      print(c, logFile, report, out);
      out.flush();
      Diagnostics.suspectSnapshots(report.suspect(), spec.commandLine().getErr());
      return report.holdsTogether() ? 0 : 1;
    }
  }

  private void print(Capture c, Path logFile, VerifyReport r, PrintWriter out) {
    out.printf("log        %s: %d records, hook %s%n", logFile, r.records(), hook(r.log()));
    out.printf("snapshots  %s: %d of %d bytes%n", c.snapshots().name(), r.snapshots(), c.ram().length());
    for (int a = 0; a < c.heap().areas().size(); a++) {
      out.printf("%-11s%s%n", a == 0 ? "heap" : "", c.heap().areas().get(a));
    }
    if (r.damage() > 0) {
      out.printf("damage     %d report(s) in the log, %d record(s) skipped; first: %s%n", r.damage(), r.skipped(), r.firstDamage().get(0));
    }
    out.println();
    r.factDisagreements().forEach(d -> out.println("FACT MISMATCH: " + d));
    if (!r.countsMatch()) {
      out.printf("COUNT MISMATCH: the log has %d records but ram.bin holds %d snapshots (%+d)%n",
          r.records(), r.snapshots(), r.records() - r.snapshots());
    }
    out.printf("checked %d events against their snapshots: %d mismatch%s%n",
        r.checked(), r.mismatched(), r.mismatched() == 1 ? "" : "es");
    r.first().stream().limit(show).forEach(m -> out.println("  " + m));
    if (r.mismatched() > Math.min(show, r.first().size())) {
      out.println("  ...");
    }
    out.println();
    out.println(r.holdsTogether()
        ? "OK: the log and the dumps belong together"
        : "FAILED: the log and the dumps do not hold together (" + String.join("; ", reasons(r)) + ")");
  }

  private static List<String> reasons(VerifyReport r) {
    List<String> reasons = new ArrayList<>();
    if (!r.countsMatch()) {
      reasons.add("the numbers of records and snapshots differ");
    }
    if (!r.first().isEmpty()) {
      reasons.add("first mismatch at event " + r.first().get(0).event());
    }
    if (!r.factDisagreements().isEmpty()) {
      reasons.add("capture facts disagree");
    }
    if (r.checked() == 0) {
      reasons.add("no event could be checked");
    }
    if (!r.suspect().isEmpty()) {
      reasons.add(r.suspect().size() + " of the checked snapshots are suspect: their dumps are damaged (see the warning)");
    }
    return reasons;
  }

  static String hook(LogSummary s) {
    return s.hook() == null ? "none" : s.hook().function() + " (breakpoint " + s.hook().number() + ")";
  }
}
