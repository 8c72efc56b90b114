package io.heapreel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.testing.RealCaptures;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A runner this jar cannot start ends the process with one line and exit code 2, checked in a JVM
 * of its own (a hanging JVM only shows as a process that does not end). The test class path holds
 * the Flink runner; each case leaves part of it out, as a jar built without -Pflink does.
 */
class RunnerUnavailableTest {
  private static final long TIMEOUT_SECONDS = 60;

  @TempDir Path tmp;

  @Test
  void flinkRunnerNotInTheJarIsOneLineAndExitCode2() throws Exception {
    Ended run = heapreel(entry -> !entry.contains("flink"), "--runner=FlinkRunner");
    assertThat(run.code).as(run.err).isEqualTo(2);
    assertThat(run.errLines()).as(run.err).hasSize(1);
    assertThat(run.err).contains("'FlinkRunner'", "mvn -Pflink -DskipTests package");
  }

  @Test
  void flinkRunnerWithoutFlinkItselfIsOneLineAndExitCode2() throws Exception {
    // beam-runners-flink is there, Flink's own jars are not: the runner class loads, starting it does not
    Ended run = heapreel(entry -> !entry.contains("flink") || entry.contains("beam-runners-flink"), "--runner=FlinkRunner", "--flinkMaster=[local]");
    assertThat(run.code).as(run.err).isEqualTo(2);
    assertThat(run.errLines()).as(run.err).hasSize(1);
    assertThat(run.err).contains("runner FlinkRunner cannot start", "org/apache/flink/", "mvn -Pflink -DskipTests package");
    assertThat(tmp.resolve("out").resolve("run.json")).doesNotExist();
  }

  @Test
  void unknownRunnerIsOneLineAndExitCode2() {
    // fails before any thread starts, so in-process
    StringWriter err = new StringWriter();
    CommandLine cli = Heapreel.commandLine();
    cli.setErr(new PrintWriter(err));
    Path sample = RealCaptures.checkout().resolve("sample-dumps").resolve("small");
    int code = cli.execute("run", "--capture", sample.toString(), "--out", tmp.resolve("out").toString(), "--no-progress", "--runner=NoSuchRunner");
    assertThat(code).as(err.toString()).isEqualTo(2);
    assertThat(err.toString().lines()).as(err.toString()).hasSize(1);
    assertThat(err.toString()).contains("'NoSuchRunner'", "docs/runners.md");
  }

  private record Ended(int code, String err) {
    List<String> errLines() {
      // Beam's and Flink's own logging (slf4j-simple) is not ours to judge; our lines start with "heapreel:"
      return err.lines().filter(l -> l.startsWith("heapreel:") || l.startsWith("\tat ") || l.startsWith("Exception")).toList();
    }
  }

  private Ended heapreel(Predicate<String> keep, String... runner) throws Exception {
    String classPath =
        Stream.of(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")).split(File.pathSeparator))
            .filter(e -> keep.test(Path.of(e).getFileName().toString()))
            .collect(Collectors.joining(File.pathSeparator));
    Path sample = RealCaptures.checkout().resolve("sample-dumps").resolve("small");
    List<String> command =
        Stream.concat(
                Stream.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath, Heapreel.class.getName(),
                    "run", "--capture", sample.toString(), "--out", tmp.resolve("out").toString(), "--no-progress"),
                Stream.of(runner))
            .toList();
    Path err = tmp.resolve("stderr.txt");
    Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
    boolean ended = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly().waitFor();
    }
    String text = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(ended).as("the JVM ended within %d s; stderr:%n%s", TIMEOUT_SECONDS, text).isTrue();
    return new Ended(p.exitValue(), text);
  }
}
