package io.heapreel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {
  @TempDir Path temp;

  private int run(StringWriter err, String... args) {
    CommandLine cli = Heapreel.commandLine();
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void writesACaptureAndRefusesToOverwriteItWithoutForce() throws IOException {
    Path out = temp.resolve("cap");
    StringWriter err = new StringWriter();
    assertThat(run(err, "generate", "--out", out.toString(), "--snapshots", "50", "--heap-kib", "4", "--seed", "2")).isEqualTo(0);
    for (String f : new String[] {"ram.bin", "mylog.txt", "firmware.map", "firmware.elf", "firmware.bin", "expected/stats.csv", "expected/README.md"}) {
      assertThat(out.resolve(f)).isNotEmptyFile();
    }
    long size = Files.size(out.resolve("ram.bin"));
    assertThat(run(err, "generate", "--out", out.toString(), "--snapshots", "10", "--heap-kib", "4")).isEqualTo(2);
    assertThat(err.toString()).contains("not empty").contains("--force").doesNotContain("Exception");
    assertThat(Files.size(out.resolve("ram.bin"))).isEqualTo(size);
    assertThat(run(err, "generate", "--out", out.toString(), "--snapshots", "10", "--heap-kib", "4", "--force")).isEqualTo(0);
    assertThat(Files.size(out.resolve("ram.bin"))).isEqualTo(size / 5);
    try (var siblings = Files.list(temp)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("cap");
    }
  }

  @Test
  void unsupportedWordSizeIsAOneLineError() {
    StringWriter err = new StringWriter();
    assertThat(run(err, "generate", "--out", temp.resolve("w2").toString(), "--snapshots", "10", "--heap-kib", "4", "--word-size", "2")).isEqualTo(2);
    assertThat(err.toString().strip()).startsWith("heapreel: --word-size must be 4 or 8, not 2").doesNotContain("\n");
    assertThat(temp.resolve("w2")).doesNotExist();
  }
}
