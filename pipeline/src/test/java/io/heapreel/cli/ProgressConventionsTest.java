package io.heapreel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.testing.RealCaptures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long-running commands share one set of console conventions ({@link ProgressOptions}):
 * {@code --quiet} prints nothing at all on a sound capture, and off a terminal (as here) nothing
 * is redrawn: no carriage return, no escape sequence.
 */
class ProgressConventionsTest {
  @TempDir Path tmp;

  private final String small = RealCaptures.checkout().resolve("sample-dumps").resolve("small").toString();

  private List<List<String>> commands() {
    String t = tmp.toString();
    return List.of(
        List.of("frames", "--capture", small, "--out", t + "/frames", "--frame-range", "0-3"),
        List.of("video", "--frames", t + "/frames", "--out", t + "/heap.gif", "--gif"),
        List.of("pack", "--capture", small, "--out", t + "/ram.bin.xz"),
        List.of("generate", "--out", t + "/gen", "--snapshots", "5", "--heap-kib", "4", "--force"),
        List.of("heapsnapshot", "--capture", small, "--out", t + "/h.heapsnapshot"),
        List.of("lifespans", "--capture", small, "--out", t + "/l.json"),
        List.of("run", "--capture", small, "--out", t + "/run", "--key-frames", "last", "--no-report"));
  }

  @Test
  void quietPrintsNothingAndEveryLongCommandHasIt() throws Exception {
    for (List<String> command : commands()) {
      CliRun help = CliRun.of(command.get(0), "--help");
      assertThat(help.out()).as(command.get(0)).contains("--quiet").contains("--no-progress");
      CliRun r = CliRun.of(with(command, "--quiet"));
      assertThat(r.exitCode()).as(command + ": " + r.err()).isZero();
      assertThat(r.out()).as(command.toString()).isEmpty();
      assertThat(r.err()).as(command.toString()).isEmpty();
    }
    assertThat(Files.size(tmp.resolve("heap.gif"))).isPositive();
  }

  @Test
  void offATerminalNothingIsRedrawn() {
    for (List<String> command : commands()) {
      CliRun r = CliRun.of(command.toArray(String[]::new));
      assertThat(r.exitCode()).as(command + ": " + r.err()).isZero();
      assertThat(r.out() + r.err()).as(command.toString()).doesNotContain("\r").doesNotContain("\u001b");
    }
  }

  private static String[] with(List<String> command, String option) {
    String[] args = new String[command.size() + 1];
    args[0] = command.get(0);
    args[1] = option;
    for (int i = 1; i < command.size(); i++) {
      args[i + 1] = command.get(i);
    }
    return args;
  }
}
