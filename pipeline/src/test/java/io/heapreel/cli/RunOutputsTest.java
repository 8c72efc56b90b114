package io.heapreel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heapreel.model.testing.RealCaptures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --frames --heapsnapshots} on the sample capture: the pipeline's frames and exports are
 * byte for byte those of the stand-alone {@code frames} and {@code heapsnapshot} commands, which
 * get their timeline and captions by a separate, sequential path.
 */
class RunOutputsTest {
  @TempDir Path tmp;

  @Test
  void framesAndHeapSnapshotsEqualTheStandAloneCommands() throws Exception {
    Path sample = RealCaptures.checkout().resolve("sample-dumps").resolve("small");
    Path out = tmp.resolve("out");
    assertThat(RunCommandTest.run("--capture", sample.toString(), "--out", out.toString(), "--key-frames", "last",
        "--frames", "--frame-range", "10-60", "--frame-every", "25", "--heapsnapshots", "50,last")).isZero();

    try (Stream<Path> files = Files.list(out.resolve("frames"))) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted())
          .containsExactly("heap_000010.png", "heap_000035.png", "heap_000060.png");
    }
    Path alone = tmp.resolve("alone");
    CliRun frames = CliRun.of("frames", "--capture", sample.toString(), "--out", alone.toString(), "--frame-range", "10-60", "--frame-every", "25");
    assertThat(frames.exitCode()).as(frames.err()).isZero();
    for (String f : new String[] {"heap_000010.png", "heap_000035.png", "heap_000060.png"}) {
      assertThat(Files.readAllBytes(out.resolve("frames").resolve(f))).as(f).isEqualTo(Files.readAllBytes(alone.resolve(f)));
    }

    Path single = tmp.resolve("single.heapsnapshot");
    CliRun export = CliRun.of("heapsnapshot", "--capture", sample.toString(), "--snapshot", "last", "--out", single.toString());
    assertThat(export.exitCode()).as(export.err()).isZero();
    assertThat(Files.readAllBytes(out.resolve("heapsnapshots").resolve("heap_000119.heapsnapshot"))).isEqualTo(Files.readAllBytes(single));
    assertThat(out.resolve("heapsnapshots").resolve("heap_000050.heapsnapshot")).isNotEmptyFile();

    JsonNode summary = new ObjectMapper().readTree(out.resolve("run.json").toFile());
    assertThat(summary.at("/outputs/frames/rendered").asLong()).isEqualTo(3);
    assertThat(summary.at("/outputs/heapsnapshots")).hasSize(2);
  }

  @Test
  void aBadFrameRangeIsAOneLineErrorBeforeAnythingRuns() {
    Path sample = RealCaptures.checkout().resolve("sample-dumps").resolve("small");
    Path out = tmp.resolve("bad");
    CliRun run = CliRun.of("run", "--capture", sample.toString(), "--out", out.toString(), "--frames", "--frame-range", "500-600");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--frame-range 500-600 selects no snapshot").doesNotContain("\tat ");
    assertThat(out.resolve("tables")).doesNotExist();
  }
}
