package io.heapreel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.testing.RealCaptures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output folder of {@code run} under a second run and a kill: a run that is killed while it
 * writes leaves the earlier run whole, a second run into the same OUT is refused while the first
 * holds it, and the next run removes what the killed one left.
 */
class RunOutputFolderTest {
  @TempDir Path tmp;

  @Test
  void aKilledRunLeavesTheEarlierRunAndASecondRunIsRefused() throws Exception {
    Path small = RealCaptures.checkout().resolve("sample-dumps").resolve("small");
    Path out = tmp.resolve("out");
    assertThat(RunCommandTest.run("--capture", small.toString(), "--out", out.toString(), "--key-frames", "last")).isZero();
    byte[] summary = Files.readAllBytes(out.resolve("run.json"));
    List<String> tables = list(out.resolve("tables"));

    // a run of the bigger dev capture in another process, killed once its own tables are being written
    Process other = new ProcessBuilder(javaCommand("run", "--no-progress", "--capture", RealCaptures.dev().toString(), "--out", out.toString()))
        .redirectErrorStream(true).redirectOutput(tmp.resolve("other.log").toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!writingTables(out) && other.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(other.isAlive()).as("the other run is still writing (its output: %s)", tmp.resolve("other.log")).isTrue();

      CliRun second = CliRun.of("run", "--no-progress", "--capture", small.toString(), "--out", out.toString());
      assertThat(second.exitCode()).isEqualTo(2);
      assertThat(second.err().strip()).contains("another heapreel run (pid " + other.pid() + ") is writing into this folder");
    } finally {
      other.destroyForcibly().waitFor();
    }

    assertThat(Files.readAllBytes(out.resolve("run.json"))).isEqualTo(summary);
    assertThat(list(out.resolve("tables"))).isEqualTo(tables);
    assertThat(list(out.resolve(".runs"))).hasSize(2); // the shown run and the killed one's

    assertThat(RunCommandTest.run("--capture", small.toString(), "--out", out.toString(), "--key-frames", "last")).isZero();
    assertThat(list(out.resolve(".runs"))).hasSize(1);
    assertThat(Files.readAllBytes(out.resolve("run.json"))).isNotEqualTo(summary);
  }

  @Test
  void aNewRunReplacesTheFramesOfTheEarlierOne() throws Exception {
    Path small = RealCaptures.checkout().resolve("sample-dumps").resolve("small");
    Path out = tmp.resolve("out");
    assertThat(RunCommandTest.run("--capture", small.toString(), "--out", out.toString(), "--key-frames", "last",
        "--frames", "--frame-range", "0-3")).isZero();
    assertThat(list(out.resolve("frames"))).hasSize(4);
    assertThat(RunCommandTest.run("--capture", small.toString(), "--out", out.toString(), "--key-frames", "last",
        "--frames", "--frame-range", "10-11")).isZero();
    assertThat(list(out.resolve("frames"))).containsExactly("heap_000010.png", "heap_000011.png");
    // a run without frames shows no frames folder at all
    assertThat(RunCommandTest.run("--capture", small.toString(), "--out", out.toString(), "--key-frames", "last")).isZero();
    assertThat(out.resolve("frames")).doesNotExist();
  }

  @Test
  void anOutputOfAnOlderHeapreelIsRefusedBeforeAnyWorkAndLeftAsItWas() throws Exception {
    Path small = RealCaptures.checkout().resolve("sample-dumps").resolve("small");
    Path out = Files.createDirectories(tmp.resolve("old-out"));
    // the layout of a heapreel from before the links: plain tables/ and run.json
    Files.createDirectories(out.resolve("tables").resolve("snapshots"));
    Files.writeString(out.resolve("tables").resolve("snapshots").resolve("part-0.parquet"), "old");
    Files.writeString(out.resolve("run.json"), "{\"old\": true}");
    CliRun refused = CliRun.of("run", "--no-progress", "--capture", small.toString(), "--out", out.toString());
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err().strip().lines()).hasSize(1);
    assertThat(refused.err()).contains("holds run.json, tables as plain files and folders").contains("move them away");
    assertThat(Files.readString(out.resolve("run.json"))).isEqualTo("{\"old\": true}");
    assertThat(list(out.resolve("tables").resolve("snapshots"))).containsExactly("part-0.parquet");
    assertThat(list(out)).containsExactly(".lock", "run.json", "tables"); // nothing new but the lock file
  }

  /** The other run has made its own run folder and written a table file into it. */
  private static boolean writingTables(Path out) throws IOException {
    Path runs = out.resolve(".runs");
    if (!Files.isDirectory(runs)) {
      return false;
    }
    try (Stream<Path> all = Files.walk(runs)) {
      return all.filter(p -> p.toString().endsWith(".parquet")).map(p -> p.getParent().getParent().getParent()).distinct().count() > 1;
    } catch (UncheckedIOException e) {
      return false; // a file the other run made and removed while the walk went (its link probe): look again
    }
  }

  private static List<String> javaCommand(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-opens")).forEach(cmd::add);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Heapreel.class.getName());
    cmd.addAll(List.of(args));
    return cmd;
  }

  private static List<String> list(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
