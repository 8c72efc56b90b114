package io.heapreel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.testing.RealCaptures;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FramesCommandTest {
  @TempDir Path dir;

  @Test
  void writesTheSelectedSnapshotsByIndexAndTheyAssembleIntoAGif() throws IOException {
    Path capture = RealCaptures.dev();
    Path frames = dir.resolve("frames");
    CliRun run = CliRun.of("frames", "--capture", capture.toString(), "--out", frames.toString(),
        "--frame-range", "750-770", "--frame-every", "10", "--threads", "2");
    assertThat(run.exitCode()).as(run.err()).isZero();
    try (Stream<Path> files = Files.list(frames)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("heap_000750.png", "heap_000760.png", "heap_000770.png");
    }
    BufferedImage image = ImageIO.read(frames.resolve("heap_000760.png").toFile());
    assertThat(image.getWidth() % 2).isZero();
    assertThat(image.getHeight() % 2).isZero();

    Path gif = dir.resolve("heap.gif");
    CliRun video = CliRun.of("video", "--frames", frames.toString(), "--out", gif.toString(), "--gif");
    assertThat(video.exitCode()).as(video.err()).isZero();
    try (var in = ImageIO.createImageInputStream(gif.toFile())) {
      var reader = ImageIO.getImageReaders(in).next();
      reader.setInput(in);
      assertThat(reader.getNumImages(true)).isEqualTo(3);
    }
  }

  @Test
  void badRangesAndMissingFoldersAreOneLineErrors() {
    CliRun range = CliRun.of("frames", "--capture", RealCaptures.dev().toString(), "--out", dir.toString(), "--frame-range", "9-3");
    assertThat(range.exitCode()).isEqualTo(2);
    assertThat(range.err()).contains("--frame-range 9-3 selects no snapshot").doesNotContain("\tat ");
    CliRun video = CliRun.of("video", "--frames", dir.resolve("none").toString(), "--out", dir.resolve("x.mp4").toString());
    assertThat(video.exitCode()).isEqualTo(2);
    assertThat(video.err()).contains("no such folder").doesNotContain("\tat ");
  }
}
