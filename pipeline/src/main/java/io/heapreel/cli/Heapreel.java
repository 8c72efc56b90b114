package io.heapreel.cli;

import io.heapreel.model.error.CaptureException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code heapreel} command line. */
@Command(
    name = "heapreel",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "MicroPython / CircuitPython heap captures to tables, frames and DevTools snapshots.",
    subcommands = {
      StatsCommand.class,
      InspectCommand.class,
      GraphCommand.class,
      DiffCommand.class,
      RunCommand.class,
      ReportCommand.class,
      BenchCommand.class,
      HeapsnapshotCommand.class,
      LifespansCommand.class,
      TreeCommand.class,
      VerifyCommand.class,
      GenerateCommand.class,
      PackCommand.class,
      FramesCommand.class,
      BenchFramesCommand.class,
      VideoCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Heapreel implements Runnable {
  @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Show stack traces of errors.")
  boolean debug;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Always ends in System.exit, also after an Error that picocli does not hand to
   * {@link #handleError}: a runner's worker threads are not daemon threads and would keep the JVM.
   */
  public static void main(String[] args) {
    int code;
    try {
      code = commandLine().execute(args);
    } catch (Throwable e) {
      System.err.println("heapreel: internal error: " + e);
      e.printStackTrace();
      code = 1;
    }
    System.exit(code);
  }

  /** The configured command line, also what tests run. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Heapreel());
    cli.setExecutionExceptionHandler(Heapreel::handleError);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }

  /**
   * Bad input is the user's to fix: one line naming the file and what was expected, exit code 2,
   * no stack trace unless {@code --debug}. Anything else is our bug and keeps its trace.
   */
  private static int handleError(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    boolean debug = hasDebug(parsed);
    if (e instanceof CaptureException) {
      err.println("heapreel: " + e.getMessage());
      if (debug) {
        e.printStackTrace(err);
      }
      err.flush();
      return 2;
    }
    err.println("heapreel: internal error: " + e);
    e.printStackTrace(err);
    err.flush();
    return 1;
  }

  private static boolean hasDebug(CommandLine.ParseResult parsed) {
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }
}
