package io.heapreel.cli;

import io.heapreel.model.error.CaptureException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code heapreel} command line. */
@Command(
    name = "heapreel",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    // the subcommands are added by commandLine(), all of them or only the one a command line names
    description = "MicroPython / CircuitPython heap captures to tables, frames and DevTools snapshots.")
public final class Heapreel implements Runnable {
  /** The subcommands by name, in the order the usage lists them; each name is its class's {@code @Command} name. */
  static final List<Subcommand> SUBCOMMANDS = List.of(
      new Subcommand("stats", StatsCommand.class),
      new Subcommand("inspect", InspectCommand.class),
      new Subcommand("graph", GraphCommand.class),
      new Subcommand("diff", DiffCommand.class),
      new Subcommand("run", RunCommand.class),
      new Subcommand("report", ReportCommand.class),
      new Subcommand("bench", BenchCommand.class),
      new Subcommand("heapsnapshot", HeapsnapshotCommand.class),
      new Subcommand("lifespans", LifespansCommand.class),
      new Subcommand("tree", TreeCommand.class),
      new Subcommand("verify", VerifyCommand.class),
      new Subcommand("generate", GenerateCommand.class),
      new Subcommand("pack", PackCommand.class),
      new Subcommand("frames", FramesCommand.class),
      new Subcommand("bench-frames", BenchFramesCommand.class),
      new Subcommand("video", VideoCommand.class),
      new Subcommand("help", CommandLine.HelpCommand.class));

  record Subcommand(String name, Class<?> type) {}

  /**
   * picocli registers a converter for each java.time and java.sql type it finds, looking each up
   * by reflection, which initialises java.time's classes and formatters: about 10 ms of every
   * command. No option has such a type (CommandLineForTest checks), so main leaves them out.
   */
  static final String CONVERTERS_EXCLUDED = "picocli.converters.excludes";

  static final String NO_OPTION_TYPES = "java\\.time\\..*,java\\.sql\\..*";

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
    if (System.getProperty(CONVERTERS_EXCLUDED) == null) {
      System.setProperty(CONVERTERS_EXCLUDED, NO_OPTION_TYPES);
    }
    int code;
    try {
      code = commandLineFor(args).execute(args);
    } catch (Throwable e) {
      System.err.println("heapreel: internal error: " + e);
      e.printStackTrace();
      code = 1;
    }
    System.exit(code);
  }

  /** The configured command line with every subcommand. */
  public static CommandLine commandLine() {
    return commandLine(SUBCOMMANDS);
  }

  /**
   * The command line for these arguments: when they name a subcommand (after the top-level options),
   * with that one alone, else with all. picocli reads a subcommand's annotations, mixins and fields by
   * reflection when it is added, which for all of them cost a short command 0.2-0.3 s of CPU; the
   * same arguments parse and run the same either way.
   */
  public static CommandLine commandLineFor(String... args) {
    if (onlyVersion(args)) {
      return commandLine(List.of());
    }
    for (String arg : args) {
      if (arg.startsWith("-")) {
        continue; // a top-level option (--debug, --help, --version): none takes a value
      }
      return SUBCOMMANDS.stream()
          .filter(s -> s.name().equals(arg) && s.type() != CommandLine.HelpCommand.class)
          .findFirst()
          .map(s -> commandLine(List.of(s)))
          .orElseGet(Heapreel::commandLine);
    }
    return commandLine();
  }

  /**
   * Whether the arguments only ask for the version ({@code --version}, {@code -V}, with {@code --debug}
   * or not): it prints the same line whatever subcommands there are, so none is built. Anything else
   * (help, an unknown option, no argument) shows the usage, which lists them all.
   */
  static boolean onlyVersion(String... args) {
    boolean version = false;
    for (String arg : args) {
      switch (arg) {
        case "--version", "-V" -> version = true;
        case "--debug" -> { }
        default -> {
          return false;
        }
      }
    }
    return version;
  }

  private static CommandLine commandLine(List<Subcommand> subcommands) {
    CommandLine cli = new CommandLine(new Heapreel());
    subcommands.forEach(s -> cli.addSubcommand(s.name(), s.type()));
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
