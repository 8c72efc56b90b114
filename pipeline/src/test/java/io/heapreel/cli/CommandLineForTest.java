package io.heapreel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** main builds only the subcommand a command line names; what it parses and shows must not change. */
class CommandLineForTest {
  private static final List<String> ALL = List.copyOf(Heapreel.commandLine().getSubcommands().keySet());

  @Test
  void everySubcommandIsListedUnderItsOwnAnnotatedName() {
    assertThat(ALL).containsExactlyElementsOf(Heapreel.SUBCOMMANDS.stream().map(Heapreel.Subcommand::name).toList());
    for (Heapreel.Subcommand s : Heapreel.SUBCOMMANDS) {
      assertThat(s.type().getAnnotation(CommandLine.Command.class).name()).isEqualTo(s.name());
    }
  }

  @Test
  void aNamedSubcommandIsBuiltAloneWithTheSameOptionsAndUsage() {
    CommandLine full = Heapreel.commandLine();
    for (String name : ALL) {
      if (name.equals("help")) {
        continue;
      }
      for (String[] args : List.of(new String[] {name, "--help"}, new String[] {"--debug", name})) {
        CommandLine alone = Heapreel.commandLineFor(args);
        assertThat(alone.getSubcommands().keySet()).as(name).containsExactly(name);
        CommandLine sub = alone.getSubcommands().get(name);
        CommandLine fromFull = full.getSubcommands().get(name);
        assertThat(sub.getCommandSpec().optionsMap().keySet()).as(name).isEqualTo(fromFull.getCommandSpec().optionsMap().keySet());
        assertThat(sub.getUsageMessage(CommandLine.Help.Ansi.OFF)).as(name).isEqualTo(fromFull.getUsageMessage(CommandLine.Help.Ansi.OFF));
      }
    }
  }

  @Test
  void withoutASubcommandNameEveryOneIsThere() {
    for (String[] args : List.of(new String[0], new String[] {"help", "stats"}, new String[] {"--version", "--help"},
        new String[] {"-V", "--bogus"}, new String[] {"statz"})) {
      assertThat(Heapreel.commandLineFor(args).getSubcommands().keySet()).containsExactlyElementsOf(ALL);
    }
  }

  @Test
  void theVersionAloneBuildsNoSubcommandAndPrintsTheSameLine() {
    CommandLine all = Heapreel.commandLine();
    java.io.StringWriter printed = new java.io.StringWriter();
    all.setOut(new java.io.PrintWriter(printed, true));
    assertThat(all.execute("--version")).isZero();
    String full = printed.toString();
    assertThat(full).startsWith("heapreel ");
    for (String[] args : List.of(new String[] {"--version"}, new String[] {"-V"}, new String[] {"--debug", "--version"})) {
      assertThat(Heapreel.commandLineFor(args).getSubcommands()).as(String.join(" ", args)).isEmpty();
      CliRun run = CliRun.of(args);
      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).isEqualTo(full);
    }
  }

  /** main leaves picocli's converters for these types out: no option, positional or mixed in, may have one. */
  @Test
  void noOptionHasATypeWhoseConverterMainLeavesOut() {
    List<java.util.regex.Pattern> excluded = java.util.Arrays.stream(Heapreel.NO_OPTION_TYPES.split(","))
        .map(java.util.regex.Pattern::compile).toList();
    assertThat(excluded).hasSize(2);
    assertThat(excluded.get(0).matcher("java.time.Duration").matches()).isTrue();
    List<String> types = new java.util.ArrayList<>();
    for (CommandLine sub : Heapreel.commandLine().getSubcommands().values()) {
      sub.getCommandSpec().args().forEach(arg -> {
        types.add(arg.type().getName());
        for (Class<?> c : arg.auxiliaryTypes()) {
          types.add(c.getName());
        }
      });
    }
    assertThat(types).contains("java.nio.file.Path", "java.lang.Long");
    assertThat(types).noneMatch(t -> excluded.stream().anyMatch(p -> p.matcher(t).matches()));
  }

  @Test
  void anUnknownSubcommandIsRefusedWithTheNearNames() {
    CliRun run = CliRun.of("statz", "--capture", "x");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Unmatched arguments from index 0: 'statz'").contains("Did you mean: heapreel stats");
  }
}
