package io.heapreel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.heapreel.model.testing.RealCaptures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** lifespans, tree and verify as a user runs them, on the dev capture. */
class LogCommandsTest {
  @TempDir Path temp;

  private record Run(int exit, String out, String err) {}

  private static synchronized Run run(String... args) {
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    StringWriter cliErr = new StringWriter();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      CommandLine cli = Heapreel.commandLine();
      cli.setErr(new PrintWriter(cliErr, true));
      int exit = cli.execute(args);
      return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8) + cliErr);
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
  }

  @Test
  void lifespansJsonIsGcActivitysAllocationHistoryWithSweepsNamed() throws IOException {
    Path dev = RealCaptures.dev();
    Path json = temp.resolve("allocation_history.json");
    Run r = run("lifespans", "--capture", dev.toString(), "--format", "json", "--out", json.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    ObjectMapper mapper = new ObjectMapper();
    JsonNode ours = mapper.readTree(json.toFile());
    JsonNode reference = mapper.readTree(RealCaptures.referenceFile("dev", "allocation_history.json").toFile());
    assertThat(ours.size()).isEqualTo(reference.size());
    for (int i = 0; i < ours.size(); i++) {
      ObjectNode o = (ObjectNode) ours.get(i);
      if (o.path("end_cause").asText().equals("sweep")) {
        o.put("end_cause", "free");
      }
      assertThat(o).as("entry %d", i).isEqualTo(reference.get(i));
    }
    assertThat(Files.list(temp).map(p -> p.getFileName().toString()).toList()).containsExactly("allocation_history.json");
  }

  @Test
  void lifespansCsvHasOneRowPerLifespanWithAddresses() {
    Run r = run("lifespans", "--capture", RealCaptures.dev().toString(), "--format", "csv");
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> rows = r.out().lines().toList();
    assertThat(rows).hasSize(1 + 1831);
    // block 61 of a pool at 0x200005e0 with 16-byte blocks (NOTES.md), allocated at event 13 (allocation_history.json)
    assertThat(rows.get(1)).startsWith("61,0x200009b0,9,13,alloc,14,realloc,parser_alloc,../../py/parse.c:285,");
  }

  @Test
  void treeAtTheEndTotalsWhatGcActivityCounted() {
    Run r = run("tree", "--capture", RealCaptures.dev().toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().lines().reduce((a, b) -> b)).hasValue("1038 total blocks");
    assertThat(r.out()).startsWith(" main.c:77 main 5 blocks\n  ../../py/runtime.c:111 mp_init 2 blocks\n");
    assertThat(r.out()).doesNotContain("gc_alloc");
  }

  @Test
  void treeRefusesAnEventOutsideTheLog() {
    Run r = run("tree", "--capture", RealCaptures.dev().toString(), "--at", "2737");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--at 2737").contains("events 0..2736");
  }

  @Test
  void verifyPassesOnTheRealCaptureAndFailsOnAShiftedLog() throws IOException {
    Path dev = RealCaptures.dev();
    Run ok = run("verify", "--capture", dev.toString());
    assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out()).contains("2737 records").contains("checked 2737 events against their snapshots: 0 mismatches")
        .contains("OK: the log and the dumps belong together");

    List<String> lines = Files.readAllLines(dev.resolve("mylog.txt"), StandardCharsets.ISO_8859_1);
    int first = lines.indexOf("");
    int second = first + 1;
    while (!lines.get(second).isEmpty()) {
      second++;
    }
    lines.subList(first + 1, second + 1).clear();
    Path shifted = temp.resolve("shifted.txt");
    Files.write(shifted, lines, StandardCharsets.ISO_8859_1);
    Run bad = run("verify", "--capture", dev.toString(), "--log", shifted.toString());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.out()).contains("COUNT MISMATCH: the log has 2736 records but ram.bin holds 2737 snapshots")
        .contains("FAILED: the log and the dumps do not hold together (the numbers of records and snapshots differ; first mismatch at event 0)");
  }
}
