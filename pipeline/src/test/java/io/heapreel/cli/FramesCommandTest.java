package io.heapreel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.testing.RealCaptures;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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

  @Test
  void framesTakesTheLogOptionsOfRunAndWritesTheSameFilesAsRunFrames() throws Exception {
    Path sample = RealCaptures.checkout().resolve("sample-dumps").resolve("small");
    // sites of small's log given roles the built-in table does not give them
    Path roles = dir.resolve("my.sites");
    Files.writeString(roles, "m_malloc0 qstr_pool\nm_malloc qstr_pool\nmp_obj_malloc_helper bytecode\nmp_map_rehash lexer\n");
    String[] range = {"--frame-range", "0-119", "--frame-every", "17"};
    Path viaRun = dir.resolve("run");
    CliRun run = CliRun.of(concat(new String[] {"run", "--capture", sample.toString(), "--out", viaRun.toString(), "--frames", "--site-roles", roles.toString()}, range));
    assertThat(run.exitCode()).as(run.err()).isZero();
    Path alone = dir.resolve("alone");
    CliRun frames = CliRun.of(concat(new String[] {"frames", "--capture", sample.toString(), "--out", alone.toString(), "--site-roles", roles.toString()}, range));
    assertThat(frames.exitCode()).as(frames.err()).isZero();
    Path plain = dir.resolve("plain");
    CliRun builtIn = CliRun.of(concat(new String[] {"frames", "--capture", sample.toString(), "--out", plain.toString()}, range));
    assertThat(builtIn.exitCode()).as(builtIn.err()).isZero();

    List<String> names;
    try (Stream<Path> files = Files.list(alone)) {
      names = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(names).hasSize(8).allMatch(n -> n.matches("heap_\\d{6}\\.png"));
    int differing = 0;
    for (String f : names) {
      assertThat(Files.readAllBytes(viaRun.resolve("frames").resolve(f))).as(f).isEqualTo(Files.readAllBytes(alone.resolve(f)));
      if (!Arrays.equals(Files.readAllBytes(plain.resolve(f)), Files.readAllBytes(alone.resolve(f)))) {
        differing++;
      }
    }
    assertThat(differing).as("frames the roles file recolours").isPositive();
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
