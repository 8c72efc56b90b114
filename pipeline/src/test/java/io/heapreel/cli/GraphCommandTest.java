package io.heapreel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heapreel.model.testing.RealCaptures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code graph} on the real dev capture as a user runs it, against {@code inspect --json} of the same snapshot. */
class GraphCommandTest {
  @TempDir Path dir;

  private static final Pattern EDGE = Pattern.compile("<g id=\"edge\\d+\" class=\"edge\">\\s*<title>([^<]+)</title>");
  private static final Pattern NODE = Pattern.compile("<g id=\"node\\d+\" class=\"node\">\\s*<title>([^<]+)</title>");

  private static boolean graphviz() {
    try {
      return new ProcessBuilder("dot", "-V").redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static List<String> titles(Pattern p, String svg) {
    Matcher m = p.matcher(svg);
    return m.results().map(r -> r.group(1).replace("&#45;&gt;", "->")).toList();
  }

  @Test
  void theWholeLastSnapshotIsEveryAllocationReferenceAndRoot() throws IOException {
    assumeTrue(graphviz(), "Graphviz (dot) is not installed: skipped");
    String capture = RealCaptures.dev().toString();
    Path svg = dir.resolve("last.svg");
    CliRun run = CliRun.of("graph", "--capture", capture, "--snapshot", "last", "--out", svg.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("365 of 365 allocations");
    String drawing = Files.readString(svg);

    JsonNode doc = new ObjectMapper().readTree(CliRun.of("inspect", "--capture", capture, "--snapshot", "last", "--json").out());
    int refs = 0;
    for (JsonNode o : doc.get("objects")) {
      refs += o.get("refs").size();
    }
    List<String> nodes = titles(NODE, drawing);
    List<String> edges = titles(EDGE, drawing);
    assertThat(nodes.stream().filter(t -> t.startsWith("a2000"))).as("a box per allocation").hasSize(365);
    assertThat(edges.stream().filter(t -> t.matches("a2000\\w+->a2000\\w+"))).as("an arrow per reference").hasSize(refs);
    assertThat(edges.stream().filter(t -> t.startsWith("root_"))).as("an arrow per root word").hasSize(doc.get("roots").size());
    assertThat(nodes).contains("root_mp_state_ctx", "root_stack");
    assertThat(drawing).contains("unreachable: garbage the next collection frees", "RAMBlockDev", "retains 299");
  }

  @Test
  void aFocusedCutOfAFewNodes() throws IOException {
    assumeTrue(graphviz(), "Graphviz (dot) is not installed: skipped");
    Path png = dir.resolve("dict_main.png");
    CliRun run = CliRun.of("graph", "--capture", RealCaptures.dev().toString(), "--from", "mp_state_ctx+104", "--depth", "3",
        "--max-nodes", "25", "--out", png.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("25 of 365 allocations");
    byte[] head = Files.readAllBytes(png);
    assertThat(head[1] == 'P' && head[2] == 'N' && head[3] == 'G').as("a PNG").isTrue();
  }

  @Test
  void badRequestsAreOneLineAndExitTwo() {
    String capture = RealCaptures.dev().toString();
    CliRun unknown = CliRun.of("graph", "--capture", capture, "--from", "no_such_symbol", "--out", dir.resolve("x.dot").toString());
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).startsWith("heapreel: --from no_such_symbol").doesNotContain("Exception");
    CliRun format = CliRun.of("graph", "--capture", capture, "--out", dir.resolve("x.pdf").toString());
    assertThat(format.exitCode()).isEqualTo(2);
    assertThat(format.err()).contains(".dot, .svg or .png");
    assertThat(dir.resolve("x.dot")).doesNotExist();
  }
}
