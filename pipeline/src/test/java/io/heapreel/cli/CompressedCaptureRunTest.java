package io.heapreel.cli;

import static io.heapreel.cli.RunCommandTest.csvRows;
import static io.heapreel.cli.CompressedFixtures.xzBlocks;
import static io.heapreel.cli.CompressedFixtures.zstdFrames;
import static io.heapreel.cli.RunCommandTest.run;
import static io.heapreel.cli.RunCommandTest.table;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heapreel.model.testing.RealCaptures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.SeekableFileInputStream;
import org.tukaani.xz.SeekableXZInputStream;

/**
 * {@code run} and {@code inspect} on the generated sample capture with its ram.bin compressed in
 * blocks of a few snapshots (made here with the xz and zstd libraries directly), split in ranges
 * across the blocks: the tables against what the generator recorded in expected/.
 */
class CompressedCaptureRunTest {
  private static final Path SAMPLE = RealCaptures.checkout().resolve("sample-dumps").resolve("small");
  /** The sample's RAM span: 120 snapshots in 1,474,560 bytes. */
  private static final int SPAN = 12288;

  @TempDir Path tmp;

  /** The sample capture without ram.bin; the caller adds the compressed one. */
  private Path captureWithout(String name) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name));
    for (String f : new String[] {"firmware.elf", "firmware.bin", "firmware.map", "mylog.txt"}) {
      Files.createSymbolicLink(dir.resolve(f), SAMPLE.resolve(f).toAbsolutePath());
    }
    return dir;
  }

  private static byte[] ram() throws IOException {
    byte[] ram = Files.readAllBytes(SAMPLE.resolve("ram.bin"));
    assertThat(ram.length).isEqualTo(120 * SPAN);
    return ram;
  }



  private static List<String> body(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    return lines.subList(1, lines.size());
  }

  private void assertTablesMatchTheGenerator(Path capture, String ramFile) throws Exception {
    Path out = tmp.resolve(capture.getFileName() + "-out");
    assertThat(run("--capture", capture.toString(), "--out", out.toString(), "--key-frames", "50", "--snapshotsPerSplit=16")).isZero();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      assertThat(csvRows(db, "SELECT " + StatsCommand.HEADER + " FROM " + table(out, "snapshots") + " ORDER BY snapshot"))
          .containsExactlyElementsOf(body(SAMPLE.resolve("expected").resolve("stats.csv")));
      assertThat(csvRows(db, "SELECT event, action, start_block, blocks FROM " + table(out, "events") + " ORDER BY event"))
          .containsExactlyElementsOf(body(SAMPLE.resolve("expected").resolve("events.csv")));
      assertThat(csvRows(db, "SELECT DISTINCT snapshot FROM " + table(out, "objects") + " ORDER BY snapshot"))
          .containsExactly("0", "50", "100", "119");
    }
    JsonNode summary = new ObjectMapper().readTree(out.resolve("run.json").toFile());
    assertThat(summary.at("/inputs/ram/path").asText()).endsWith(ramFile);
    assertThat(summary.at("/snapshots/decoded").asLong()).isEqualTo(120);
    assertThat(summary.at("/warnings")).isEmpty();
  }

  @Test
  void runReadsAnXzFileOfManyBlocksInPlace() throws Exception {
    Path capture = captureWithout("xz");
    Files.write(capture.resolve("ram.bin.xz"), xzBlocks(ram(), 8 * SPAN));
    assertTablesMatchTheGenerator(capture, "ram.bin.xz");
  }

  @Test
  void runReadsAZstdFileOfManyFramesInPlace() throws Exception {
    Path capture = captureWithout("zst");
    int[] frames = new int[15];
    Arrays.fill(frames, 8 * SPAN);
    Files.write(capture.resolve("ram.bin.zst"), zstdFrames(ram(), frames));
    assertTablesMatchTheGenerator(capture, "ram.bin.zst");
  }

  @Test
  void aFrameCutShortInsideASnapshotKeepsTheSnapshotsBeforeItAndSaysWhere() throws Exception {
    // frames of 10 snapshots; the fifth frame holds only 5.5 of them (a dump cut while capturing)
    byte[] ram = ram();
    byte[] cut = new byte[4 * 10 * SPAN + 11 * SPAN / 2 + 7 * 10 * SPAN];
    System.arraycopy(ram, 0, cut, 0, 4 * 10 * SPAN + 11 * SPAN / 2);
    System.arraycopy(ram, 40 * SPAN, cut, 4 * 10 * SPAN + 11 * SPAN / 2, 7 * 10 * SPAN);
    int[] frames = {10 * SPAN, 10 * SPAN, 10 * SPAN, 10 * SPAN, 11 * SPAN / 2, 10 * SPAN, 10 * SPAN, 10 * SPAN, 10 * SPAN, 10 * SPAN, 10 * SPAN, 10 * SPAN};
    Path capture = captureWithout("cut");
    Path file = Files.write(capture.resolve("ram.bin.zst"), zstdFrames(cut, frames));
    Path out = tmp.resolve("cut-out");
    assertThat(run("--capture", capture.toString(), "--out", out.toString(), "--key-frames", "last", "--snapshotsPerSplit=16")).isZero();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      assertThat(csvRows(db, "SELECT " + StatsCommand.HEADER + " FROM " + table(out, "snapshots") + " ORDER BY snapshot"))
          .containsExactlyElementsOf(body(SAMPLE.resolve("expected").resolve("stats.csv")).subList(0, 45));
    }
    JsonNode summary = new ObjectMapper().readTree(out.resolve("run.json").toFile());
    assertThat(summary.at("/snapshots/count").asLong()).isEqualTo(45);
    assertThat(summary.at("/damage/partial_snapshot_bytes").asLong()).isEqualTo(cut.length - 45L * SPAN);
    assertThat(summary.at("/warnings").toString())
        .contains(file.toString())
        .contains("zstd frame 4 ends at uncompressed offset " + (45 * SPAN + SPAN / 2))
        .contains("inside snapshot 45");
  }

  @Test
  void aCorruptBlockIsCountedAsUndecodableSnapshotsAndTheOthersAreDecoded() throws Exception {
    Path capture = captureWithout("corrupt");
    Path file = Files.write(capture.resolve("ram.bin.xz"), xzBlocks(ram(), 10 * SPAN));
    long third;
    try (SeekableXZInputStream xz = new SeekableXZInputStream(new SeekableFileInputStream(file.toFile()))) {
      third = xz.getBlockCompPos(2);
      byte[] bytes = Files.readAllBytes(file);
      long middle = third + xz.getBlockCompSize(2) / 2;
      for (long p = middle; p < middle + 16; p++) {
        bytes[(int) p] ^= 0x5a;
      }
      Files.write(file, bytes);
    }
    Path out = tmp.resolve("corrupt-out");
    assertThat(run("--capture", capture.toString(), "--out", out.toString(), "--key-frames", "last", "--snapshotsPerSplit=10")).isZero();
    JsonNode summary = new ObjectMapper().readTree(out.resolve("run.json").toFile());
    long undecodable = summary.at("/damage/snapshots_undecodable").asLong();
    assertThat(undecodable).isBetween(1L, 10L);
    assertThat(summary.at("/damage_detail").toString())
        .contains(file.toString())
        .contains("xz block 2 (compressed offset " + third + ") is damaged");
    List<String> expected = body(SAMPLE.resolve("expected").resolve("stats.csv"));
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      List<String> rows = csvRows(db, "SELECT " + StatsCommand.HEADER + " FROM " + table(out, "snapshots") + " ORDER BY snapshot");
      assertThat(rows).hasSize(120 - (int) undecodable);
      // the blocks before and after the damaged one, row for row
      assertThat(rows.subList(0, 20)).containsExactlyElementsOf(expected.subList(0, 20));
      assertThat(rows.subList(rows.size() - 90, rows.size())).containsExactlyElementsOf(expected.subList(30, 120));
    }

    CliRun inspect = CliRun.of("inspect", "--capture", capture.toString(), "--snapshot", "29");
    assertThat(inspect.exitCode()).isEqualTo(2);
    assertThat(inspect.err().lines().filter(l -> l.startsWith("heapreel: ") && !l.contains("warning"))).singleElement().asString()
        .contains(file.toString())
        .contains("compressed offset " + third);
  }
}
