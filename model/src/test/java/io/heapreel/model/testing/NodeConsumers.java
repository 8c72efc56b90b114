package io.heapreel.model.testing;

import static org.junit.jupiter.api.Assumptions.abort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real readers of {@code .heapsnapshot} files, driven through Node: the DevTools front-end's
 * snapshot code (npm {@code heap-snapshot-toolkit}) and memlab ({@code @memlab/heap-analysis}).
 * They are installed once into {@code target/node-consumers} of the checkout (kept between test
 * runs until {@code mvn clean}); a test that needs them is skipped with a message when Node or
 * the packages cannot be had (no network). {@code HEAPREEL_NODE} names another node executable.
 */
public final class NodeConsumers {
  static final String TOOLKIT = "heap-snapshot-toolkit@1.1.3";
  static final String MEMLAB = "@memlab/heap-analysis@2.0.5";
  private static final String SCRIPT = "heapsnapshot-facts.mjs";
  private static final String MARKER = "HEAPREEL-RESULT ";
  private static final long INSTALL_SECONDS = 300;
  private static final long RUN_SECONDS = 120;

  /**
   * Why the consumers cannot be had, once found out: every test asks, and an offline npm install
   * should fail once per test run, not once per test.
   */
  private static String unavailable;

  private final Path folder;
  private final String node;
  private final ObjectMapper json = new ObjectMapper();

  private NodeConsumers(Path folder, String node) {
    this.folder = folder;
    this.node = node;
  }

  /** The node executable: $HEAPREEL_NODE, else node from the PATH. */
  private static String nodeCommand() {
    String env = System.getenv("HEAPREEL_NODE");
    return env == null || env.isBlank() ? "node" : env;
  }

  /** The installed consumers, installing them on first use; aborts (skips) the test when impossible. */
  public static synchronized NodeConsumers installed() {
    if (unavailable != null) {
      abort(unavailable);
    }
    Path folder = RealCaptures.checkout().resolve("target").resolve("node-consumers");
    String node = nodeCommand();
    try {
      Files.createDirectories(folder);
      Result version = run(folder, 30, List.of(node, "--version"));
      if (version.code != 0) {
        unavailable = "Node.js is not available (" + node + ": " + version.output.strip() + "): .heapsnapshot consumer tests skipped";
        abort(unavailable);
      }
      try (FileChannel lockFile = FileChannel.open(folder.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = lockFile.lock()) {
        install(folder);
      }
      try (InputStream in = NodeConsumers.class.getResourceAsStream(SCRIPT)) {
        Files.copy(in, folder.resolve(SCRIPT), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new NodeConsumers(folder, node);
  }

  private static void install(Path folder) throws IOException {
    Path done = folder.resolve(".installed");
    String wanted = TOOLKIT + " " + MEMLAB;
    if (Files.exists(done) && Files.readString(done).equals(wanted)) {
      return;
    }
    Files.writeString(folder.resolve("package.json"), "{\"name\":\"heapreel-node-consumers\",\"private\":true}\n");
    Result npm =
        run(folder, INSTALL_SECONDS,
            List.of("npm", "install", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error", TOOLKIT, MEMLAB));
    if (npm.code != 0) {
      unavailable = "cannot install " + wanted + " with npm (offline?): consumer tests skipped\n" + tail(npm.output);
      abort(unavailable);
    }
    Files.writeString(done, wanted);
  }

  /** What both consumers make of one file: node count, classes, and with {@code nodes} every node. */
  public JsonNode facts(Path snapshot, boolean nodes) {
    List<String> command = new ArrayList<>(List.of(node, SCRIPT, "facts", snapshot.toAbsolutePath().toString()));
    if (nodes) {
      command.add("--nodes");
    }
    return call(command);
  }

  /** DevTools' Comparison of {@code next} against {@code base}, by class name. */
  public JsonNode diff(Path base, Path next) {
    return call(List.of(node, SCRIPT, "diff", base.toAbsolutePath().toString(), next.toAbsolutePath().toString()));
  }

  private JsonNode call(List<String> command) {
    try {
      Result r = run(folder, RUN_SECONDS, command);
      int at = r.output.lastIndexOf(MARKER);
      if (r.code != 0 || at < 0) {
        throw new AssertionError("consumer failed (exit " + r.code + "): " + String.join(" ", command) + "\n" + tail(r.output));
      }
      String line = r.output.substring(at + MARKER.length()).lines().findFirst().orElse("");
      return json.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Result(int code, String output) {}

  private static Result run(Path folder, long seconds, List<String> command) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true);
    pb.environment().put("PUPPETEER_SKIP_DOWNLOAD", "true");
    Path log = Files.createTempFile(folder, "run", ".log");
    pb.redirectOutput(log.toFile());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      Files.deleteIfExists(log);
      return new Result(-1, e.getMessage());
    }
    try {
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "timed out after " + seconds + " s: " + String.join(" ", command));
      }
      return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static String tail(String s) {
    return s.length() > 2000 ? "..." + s.substring(s.length() - 2000) : s;
  }
}
