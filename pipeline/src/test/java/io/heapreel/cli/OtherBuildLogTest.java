package io.heapreel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heapreel.model.testing.RealCaptures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log of the same program on the same board without the split heap (sample-dumps/mps2-an385)
 * with the split sample's firmware and dumps (mps2-an385-split): the program allocated alike, so
 * every event agrees with its dump, and before only {@code verify} said so (the log's {@code
 * ram_end} fact); stats, inspect and run read it without a word, the events' sites those of
 * another build. Every command that pairs the log with the dumps now warns, naming the log's line.
 */
class OtherBuildLogTest {
  private static final String WARNING = "mylog.txt:2: the log says ram_end = 0x2100c340, but heapreel uses 0x2100c448";

  @TempDir static Path dir;
  private static Path capture;

  @BeforeAll
  static void mixUp() throws IOException {
    Path split = RealCaptures.sampleFolder("mps2-an385-split");
    capture = Files.createDirectories(dir.resolve("capture"));
    Files.copy(split.resolve("firmware.elf"), capture.resolve("firmware.elf"));
    Files.copy(split.resolve("ram.bin.xz"), capture.resolve("ram.bin.xz"));
    Files.copy(RealCaptures.sampleFolder("mps2-an385").resolve("mylog.txt"), capture.resolve("mylog.txt"));
  }

  @Test
  void theCommandsThatDoNotReplayWarnNamingTheLine() {
    String c = capture.toString();
    for (List<String> args : List.of(
        List.of("stats", "--capture", c),
        List.of("inspect", "--capture", c, "--snapshot", "last"),
        List.of("lifespans", "--capture", c),
        List.of("tree", "--capture", c),
        List.of("heapsnapshot", "--capture", c, "--snapshot", "last", "--out", dir.resolve("x.heapsnapshot").toString()),
        List.of("frames", "--capture", c, "--out", dir.resolve("frames").toString(), "--frame-range", "0-1", "--threads", "1"))) {
      CorpusProbe.Result r = CorpusProbe.run(args);
      assertThat(r.exit()).as(args + ": " + r.all()).isZero();
      assertThat(r.err()).as(args.get(0)).contains("heapreel: warning: " + capture.resolve("mylog.txt") + ":2: the log says ram_end");
      assertThat(r.err()).as(args.get(0)).contains(WARNING).doesNotContain("\tat ");
    }
  }

  @Test
  void runWarnsAndCountsTheFactAsDamage() throws IOException {
    Path out = dir.resolve("run");
    CorpusProbe.Result r = CorpusProbe.run(List.of("run", "--no-progress", "--capture", capture.toString(), "--out", out.toString()));
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.err()).contains(WARNING);
    JsonNode summary = new ObjectMapper().readTree(out.resolve("run.json").toFile());
    assertThat(summary.get("damage").get("log_facts_disagreeing").asLong()).isEqualTo(1);
    assertThat(summary.get("warnings").toString()).contains(WARNING);
  }

  @Test
  void verifyStillFails() {
    CorpusProbe.Result r = CorpusProbe.run(List.of("verify", "--capture", capture.toString()));
    assertThat(r.exit()).as(r.all()).isEqualTo(1);
    assertThat(r.out()).contains("FACT MISMATCH: the log says ram_end = 0x2100c340, heapreel uses 0x2100c448");
  }
}
