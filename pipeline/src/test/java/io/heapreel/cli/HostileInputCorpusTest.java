package io.heapreel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heapreel.model.testing.RealCaptures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every command over every hostile input of {@link HostileCorpus}: the exit code is one of the
 * documented ones (0, 2; verify also 1), nothing prints a stack trace or an exception's name,
 * nothing hangs ({@link CorpusProbe#TIMEOUT}), an output that differs from the clean capture's
 * comes with a warning or damage report (no command is exempt: those that do not join the log to
 * the dumps check one against the other, {@link LogCheck}), and OUT holds a whole run or the one
 * it held before.
 */
class HostileInputCorpusTest {
  /** The commands run over each broken capture folder, with what of their output is compared. */
  private enum Command {
    STATS, INSPECT, LIFESPANS, TREE, VERIFY, HEAPSNAPSHOT, FRAMES, RUN;

    String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    List<String> args(Path capture, Path scratch, Path runOut) {
      String c = capture.toString();
      return switch (this) {
        case STATS, INSPECT, LIFESPANS, TREE, VERIFY -> List.of(id(), "--capture", c);
        case HEAPSNAPSHOT -> List.of(id(), "--capture", c, "--out", scratch.resolve("x.heapsnapshot").toString());
        case FRAMES -> List.of(id(), "--capture", c, "--out", scratch.resolve("frames").toString(), "--frame-range", "48-51", "--threads", "1");
        case RUN -> List.of(id(), "--no-progress", "--capture", c, "--out", runOut.toString(), "--key-frames", "last");
      };
    }
  }

  private static Path root;
  private static Path small;
  private static Path runOut;
  private static final Map<Command, String> CLEAN = new LinkedHashMap<>();

  @BeforeAll
  static void cleanRun() throws Exception {
    root = RealCaptures.checkout().resolve("pipeline").resolve("target").resolve("hostile-corpus");
    StagedOutputs.deleteTree(root);
    small = RealCaptures.checkout().resolve("sample-dumps").resolve("small");
    Path clean = root.resolve("clean");
    HostileCorpus.copyCapture(small, clean);
    runOut = root.resolve("run-out");
    Path scratch = Files.createDirectories(root.resolve("clean-scratch"));
    for (Command command : Command.values()) {
      CorpusProbe.Result r = CorpusProbe.run(command.args(clean, scratch, runOut));
      assertThat(r.exit()).as(command + " on the clean capture: " + r.err()).isZero();
      // else a warning would prove nothing: the checks must stay quiet on a sound capture
      assertThat(r.err()).as(command + " on the clean capture").doesNotContain("warning").doesNotContain("damage");
      CLEAN.put(command, comparable(command, r, clean, scratch));
    }
  }

  @TestFactory
  Stream<DynamicTest> everyCommandOverEveryHostileInput() {
    List<HostileCorpus.Case> cases = HostileCorpus.all();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
    return cases.stream().map(c -> dynamicTest(c.name(), () -> check(c)));
  }

  private static void check(HostileCorpus.Case c) throws Exception {
    Path capture = root.resolve("cases").resolve(c.name());
    HostileCorpus.copyCapture(small, capture);
    c.mutation().apply(capture);
    Path scratch = Files.createDirectories(root.resolve("scratch").resolve(c.name()));
    if (c.only() != null) {
      List<String> args = c.only().stream()
          .map(a -> a.replace("CAPTURE", capture.toString()).replace("OUT", runOut.toString())).toList();
      String before = CorpusProbe.fileDigest(runOut.resolve("run.json"));
      CorpusProbe.Result r = CorpusProbe.run(args);
      assertClean(c.name(), r, args.get(0));
      assertThat(r.exit()).as(c.name() + ": " + r.all()).isEqualTo(c.exit());
      if (r.exit() == 2) {
        assertThat(r.err().strip().lines()).as(c.name() + ": one line").hasSize(1);
      }
      assertWholeRunOrNothingNew(c.name(), r.exit() == 0 && args.get(0).equals("run"), before);
      return;
    }
    for (Command command : Command.values()) {
      String before = CorpusProbe.fileDigest(runOut.resolve("run.json"));
      CorpusProbe.Result r = CorpusProbe.run(command.args(capture, scratch, runOut));
      String what = c.name() + " / " + command.id();
      assertClean(what, r, command.id());
      if (command == Command.RUN) {
        assertWholeRunOrNothingNew(what, r.exit() == 0, before);
      }
      if (r.exit() == 0) {
        String got = comparable(command, r, capture, scratch);
        if (!got.equals(CLEAN.get(command))) {
          assertThat(acknowledged(command, r))
              .as(what + ": the output differs from the clean capture's, and nothing says why:\n" + r.all())
              .isTrue();
        }
      }
    }
  }

  /** A documented exit code, and no stack trace or exception name anywhere. */
  private static void assertClean(String what, CorpusProbe.Result r, String command) {
    List<Integer> allowed = command.equals("verify") ? List.of(0, 1, 2) : List.of(0, 2);
    assertThat(r.exit()).as(what + ": exit code\n" + r.all()).isIn(allowed);
    assertThat(r.all()).as(what)
        .doesNotContain("\tat ")
        .doesNotContain("Exception")
        .doesNotContain("internal error");
  }

  /** What must not change without a warning: the data a command writes. */
  private static String comparable(Command command, CorpusProbe.Result r, Path capture, Path scratch) throws Exception {
    String out = r.out().replace(scratch.toString(), "SCRATCH").replace(capture.toString(), "CAPTURE");
    return switch (command) {
      case STATS, INSPECT, LIFESPANS, TREE, VERIFY, HEAPSNAPSHOT -> out;
      case FRAMES -> CorpusProbe.folderDigest(scratch.resolve("frames"));
      case RUN -> String.join("\n", CorpusProbe.tableDigests(runOut, capture));
    };
  }

  private static boolean acknowledged(Command command, CorpusProbe.Result r) throws IOException {
    String err = r.err().toLowerCase(Locale.ROOT);
    if (err.contains("warning") || err.contains("damage") || err.contains("note:")) {
      return true;
    }
    if (r.out().contains("SUSPECT") || r.out().contains("FAILED") || r.out().contains("damage")) {
      return true;
    }
    if (command == Command.RUN) {
      JsonNode summary = new ObjectMapper().readTree(runOut.resolve("run.json").toFile());
      if (summary.get("warnings").size() > 0) {
        return true;
      }
      for (Iterator<JsonNode> it = summary.get("damage").elements(); it.hasNext(); ) {
        if (it.next().asLong() != 0) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * OUT holds one whole run: run.json and every table folder it lists with its files, reached
   * through the links, no leftovers of other runs. A failed run left run.json as it was.
   */
  private static void assertWholeRunOrNothingNew(String what, boolean published, String before) throws IOException {
    String after = CorpusProbe.fileDigest(runOut.resolve("run.json"));
    if (published) {
      assertThat(after).as(what + ": a new run.json").isNotEqualTo(before);
    } else {
      assertThat(after).as(what + ": a failed run leaves the earlier run.json").isEqualTo(before);
    }
    if (!Files.exists(runOut.resolve("run.json"))) {
      if (Files.isDirectory(runOut)) {
        try (Stream<Path> entries = Files.list(runOut)) {
          assertThat(entries.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))).as(what).isEmpty();
        }
      }
      return;
    }
    JsonNode summary = new ObjectMapper().readTree(runOut.resolve("run.json").toFile());
    for (Iterator<Map.Entry<String, JsonNode>> it = summary.get("tables").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> t = it.next();
      Path folder = Path.of(t.getValue().get("folder").asText());
      assertThat(folder).as(what + ": table " + t.getKey()).isDirectory();
      try (Stream<Path> files = Files.list(folder)) {
        assertThat(files.filter(f -> f.toString().endsWith(".parquet")).count())
            .as(what + ": files of " + t.getKey()).isEqualTo(t.getValue().get("files").asLong());
      }
    }
    List<String> hidden = new ArrayList<>();
    try (Stream<Path> entries = Files.list(runOut.resolve(".runs"))) {
      entries.forEach(p -> hidden.add(p.getFileName().toString()));
    }
    // a run that failed may leave its hidden folder a moment (its workers end on their own); the
    // next run removes it, so after a published run only the run on show is kept
    if (published) {
      assertThat(hidden).as(what + ": only the run on show is kept").hasSize(1);
    }
    try (Stream<Path> entries = Files.list(runOut)) {
      assertThat(entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".staging"))).as(what).isEmpty();
    }
  }

  /** Removing a folder tree that may hold links (never followed). */
  private static final class StagedOutputs {
    static void deleteTree(Path root) throws IOException {
      if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      try (Stream<Path> all = Files.walk(root)) {
        for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
