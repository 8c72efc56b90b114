package io.heapreel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.testing.RealCaptures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code run --no-report} leaves no page (and removes an old one); {@code report --out} writes it from the run's files. */
class ReportCommandTest {
  @TempDir Path tmp;

  @Test
  void reportIsWrittenAgainFromAnEarlierRun() throws Exception {
    Path sample = RealCaptures.checkout().resolve("sample-dumps").resolve("small");
    Path out = tmp.resolve("out");
    assertThat(RunCommandTest.run("--capture", sample.toString(), "--out", out.toString())).isZero();
    Path page = out.resolve("report.html");
    String first = Files.readString(page);
    assertThat(first).contains("id=\"report-data\"").doesNotContain("{{").doesNotContain("/*{{");

    assertThat(RunCommandTest.run("--capture", sample.toString(), "--out", out.toString(), "--no-report")).isZero();
    assertThat(page).doesNotExist();

    CliRun again = CliRun.of("report", "--out", out.toString());
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains(page.toString());
    // the same tables give the same data; only run.json's timings differ between the two runs
    assertThat(dataWithoutRun(Files.readString(page))).isEqualTo(dataWithoutRun(first));
  }

  /**
   * The page made from the replay's {@code call_tree} table is the page made from the events' traces
   * (the way of a run's tables without that table), byte for byte.
   */
  @ParameterizedTest
  @ValueSource(strings = {"small", "dev"})
  void theCallTreeTableGivesThePageTheTracesGive(String capture) throws Exception {
    Path folder = capture.equals("dev") ? RealCaptures.dev() : RealCaptures.checkout().resolve("sample-dumps").resolve(capture);
    Path out = tmp.resolve("out");
    assertThat(RunCommandTest.run("--capture", folder.toString(), "--out", out.toString())).isZero();
    Path tree = out.resolve("tables").resolve("call_tree");
    assertThat(tree).isDirectory();
    // both pages from run.json as the run left it (the run's own page was made before its last figures)
    assertThat(CliRun.of("report", "--out", out.toString()).exitCode()).isZero();
    byte[] fromTree = Files.readAllBytes(out.resolve("report.html"));

    try (Stream<Path> files = Files.list(tree)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(tree);
    assertThat(CliRun.of("report", "--out", out.toString()).exitCode()).isZero();
    assertThat(Files.readAllBytes(out.resolve("report.html"))).isEqualTo(fromTree);
  }

  @Test
  void aFolderWithoutRunJsonIsRefusedInOneLine() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    CliRun r = CliRun.of("report", "--out", empty.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).contains(empty.toString()).contains("run.json").doesNotContain("\n").doesNotContain("Exception");
    assertThat(empty.resolve("report.html")).doesNotExist();
  }

  private static String dataWithoutRun(String page) {
    String data = page.substring(page.indexOf("id=\"report-data\">"));
    return data.substring(data.indexOf("\"summary\""));
  }
}
