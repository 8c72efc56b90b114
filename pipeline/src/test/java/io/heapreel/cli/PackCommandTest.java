package io.heapreel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.testing.RealCaptures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code heapreel pack}, then the other commands on what it wrote, against the generator's record. */
class PackCommandTest {
  private static final Path SAMPLE = RealCaptures.checkout().resolve("sample-dumps").resolve("small");

  @TempDir Path tmp;

  private Path copyOfSample() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("capture"));
    for (String f : new String[] {"firmware.elf", "firmware.bin", "firmware.map", "mylog.txt", "ram.bin"}) {
      Files.copy(SAMPLE.resolve(f), dir.resolve(f));
    }
    return dir;
  }

  private static List<String> expectedStats() throws Exception {
    return Files.readAllLines(SAMPLE.resolve("expected").resolve("stats.csv"));
  }

  @Test
  void packsBesideRamBinAndStatsReadsItInPlace() throws Exception {
    Path capture = copyOfSample();
    for (String format : new String[] {"xz", "zst"}) {
      CliRun pack = CliRun.of("pack", "--capture", capture.toString(), "--format", format);
      assertThat(pack.exitCode()).as(pack.err()).isZero();
      Path packed = capture.resolve("ram.bin." + format);
      assertThat(pack.out()).contains("wrote " + packed).contains("120 snapshots in 1 block of up to 682");
      assertThat(capture.resolve(".ram.bin." + format + ".partial")).doesNotExist();
      assertThat(Files.size(packed)).isLessThan(Files.size(capture.resolve("ram.bin")) / 10);

      CliRun stats = CliRun.of("stats", "--capture", capture.toString(), "--ram", packed.toString());
      assertThat(stats.exitCode()).as(stats.err()).isZero();
      assertThat(stats.out().lines().toList()).containsExactlyElementsOf(expectedStats());
    }
  }

  @Test
  void aCaptureFolderWithOnlyThePackedFileIsReadFromIt() throws Exception {
    Path capture = copyOfSample();
    Path out = tmp.resolve("elsewhere.zst");
    assertThat(CliRun.of("pack", "--capture", capture.toString(), "--format", "zst", "--out", out.toString()).exitCode()).isZero();
    Files.delete(capture.resolve("ram.bin"));
    Files.move(out, capture.resolve("ram.bin.zst"));
    CliRun stats = CliRun.of("stats", "--capture", capture.toString());
    assertThat(stats.exitCode()).as(stats.err()).isZero();
    assertThat(stats.out().lines().toList()).containsExactlyElementsOf(expectedStats());
    CliRun inspect = CliRun.of("inspect", "--capture", capture.toString(), "--snapshot", "77");
    assertThat(inspect.out()).contains("ram       " + capture.resolve("ram.bin.zst")).contains("Snapshot 77 of 120");
  }

  @Test
  void anUnknownFormatIsBadInput() throws Exception {
    CliRun pack = CliRun.of("pack", "--capture", copyOfSample().toString(), "--format", "gz");
    assertThat(pack.exitCode()).isEqualTo(2);
    assertThat(pack.err()).contains("--format must be xz or zst, not 'gz'");
  }
}
