package io.heapreel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.testing.RealCaptures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What {@code run} prints on stdout when it is done: a fixed order, no rate for a small capture, nothing with --quiet. */
class RunConsoleTest {
  @TempDir Path tmp;

  private final Path sample = RealCaptures.checkout().resolve("sample-dumps").resolve("small");

  @Test
  void summaryLinesComeInAFixedOrderWithoutARateForASmallCapture() {
    List<String> first = summary("a");
    List<String> second = summary("b");

    assertThat(first.get(0)).matches("heapreel: 120 snapshots \\(1\\.5 MB of ram\\.bin\\) in [0-9.]+ s");
    assertThat(String.join("\n", first)).doesNotContain("MB/s").doesNotContain("snapshots/s");
    List<String> tableNames = first.stream().filter(l -> l.startsWith("  ") && l.contains(" rows ")).map(l -> l.trim().split(" +")[0]).toList();
    assertThat(tableNames).containsExactly("snapshots", "objects", "references", "roots", "events", "lifespans", "call_sites", "call_tree", "capture");
    // 0-2 is three frames: the frames line is a sentence, not a Java map whose key order varies
    assertThat(first).anyMatch(l -> l.equals("frames: 3 in " + tmp.resolve("a").toAbsolutePath().resolve("frames")));
    // the same lines in the same order on a second run, apart from the time and the folder
    assertThat(second.stream().map(l -> normalised(l, "b")).toList())
        .isEqualTo(first.stream().map(l -> normalised(l, "a")).toList());
  }

  @Test
  void quietPrintsNothing() {
    StringWriter out = new StringWriter();
    CommandLine cli = Heapreel.commandLine();
    cli.setOut(new PrintWriter(out));
    int code = cli.execute("run", "--quiet", "--capture", sample.toString(), "--out", tmp.resolve("q").toString());
    assertThat(code).isZero();
    assertThat(out.toString()).isEmpty();
    assertThat(tmp.resolve("q").resolve("run.json")).exists();
  }

  private List<String> summary(String folder) {
    StringWriter out = new StringWriter();
    CommandLine cli = Heapreel.commandLine();
    cli.setOut(new PrintWriter(out));
    int code = cli.execute(
        "run", "--no-progress", "--capture", sample.toString(), "--out", tmp.resolve(folder).toString(), "--frames", "--frame-range", "0-2");
    assertThat(code).isZero();
    return List.of(out.toString().split("\n"));
  }

  private String normalised(String line, String folder) {
    return line.replaceAll("in [0-9.]+ s$", "in T s").replace(tmp.resolve(folder).toAbsolutePath().toString(), "OUT");
  }
}
