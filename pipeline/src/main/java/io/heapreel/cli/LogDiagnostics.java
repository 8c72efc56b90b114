package io.heapreel.cli;

import io.heapreel.model.gclog.Damage;
import io.heapreel.model.gclog.LogSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Damage found in a gdb log, as warnings on stderr (stdout stays data). */
final class LogDiagnostics {
  static final int SHOWN = 5;

  private LogDiagnostics() {}

  static void damage(Path log, LogSummary summary, List<Damage> first, PrintWriter err) {
    if (summary.endHit() == null && summary.records() > 0) {
      err.printf("heapreel: warning: %s ends after record %d without the stop that ends a capture: cut short? later events are missing%n",
          log, summary.records() - 1);
    }
    if (summary.damage() == 0) {
      return;
    }
    err.printf("heapreel: warning: %s: %d damaged line(s) or record(s); %d record(s) skipped%n",
        log, summary.damage(), summary.skipped());
    first.stream().limit(SHOWN).forEach(d -> err.println("heapreel:   " + d));
    if (summary.damage() > SHOWN) {
      err.println("heapreel:   ...");
    }
  }
}
