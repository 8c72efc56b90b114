package io.heapreel.cli;

import io.heapreel.report.Report;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The HTML report of an earlier run, written again from its tables and run.json. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write OUT/report.html again from the tables and run.json of an earlier 'heapreel run --out OUT': one"
          + " self-contained page (summary, heap over time, heap map per snapshot, call tree, call sites,"
          + " lifespans, leak suspects, key frames) that opens from disk without a network."
    })
public final class ReportCommand implements Callable<Integer> {
  @Option(names = "--out", paramLabel = "OUT", required = true, description = "The output folder of an earlier run.")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Path page = Report.rewrite(out);
    PrintWriter w = spec.commandLine().getOut();
    w.println("report: " + page);
    w.flush();
    return 0;
  }
}
