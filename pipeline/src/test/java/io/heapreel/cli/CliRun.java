package io.heapreel.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process, built as {@code main} builds it for these arguments, and keeps what it printed. */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = Heapreel.commandLineFor(args);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
