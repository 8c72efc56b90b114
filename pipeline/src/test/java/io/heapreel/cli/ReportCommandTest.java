package io.heapreel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.testing.RealCaptures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
