package io.heapreel.testkit.bench;

import io.heapreel.model.capture.CaptureFiles;
import io.heapreel.model.capture.RamFormat;
import io.heapreel.model.capture.RamPacker;
import io.heapreel.model.error.CaptureException;
import io.heapreel.model.open.Capture;
import io.heapreel.testkit.generate.CaptureGenerator;
import io.heapreel.testkit.generate.GeneratorConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The bench's capture in its work folder: a generated capture of at least the size asked for (kept
 * for the next bench), and the same capture with its RAM dumps packed.
 */
public final class BenchCapture {
  private final Path dir;
  private final int heapKib;
  private final PrintStream log;

  /** {@code dir} holds capture/ and capture-xz/, capture-zst/; {@code log} gets a line per step. */
  public BenchCapture(Path dir, int heapKib, PrintStream log) {
    this.dir = dir;
    this.heapKib = heapKib;
    this.log = log;
  }

  /** DIR/capture, generated again when its ram.bin is missing or smaller than {@code wantedBytes}. */
  public Path capture(long wantedBytes) throws IOException {
    Path capture = dir.resolve("capture");
    if (!Files.exists(capture.resolve("ram.bin")) || Files.size(capture.resolve("ram.bin")) < wantedBytes) {
      generate(capture, wantedBytes);
    }
    return capture;
  }

  /** xz or zst (zstd), as --packed names them. */
  public static RamFormat packFormat(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "xz" -> RamFormat.XZ;
      case "zst", "zstd" -> RamFormat.ZSTD;
      default -> throw new CaptureException("--packed must be xz or zst, not '" + name + "'");
    };
  }

  /** DIR/capture-FORMAT: the capture's files linked, its RAM dumps packed (once, again when ram.bin is newer). */
  public Path packed(Path capture, RamFormat format) throws IOException {
    Path folder = dir.resolve("capture-" + (format == RamFormat.XZ ? "xz" : "zst"));
    Files.createDirectories(folder);
    try (var files = Files.list(capture)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path link = folder.resolve(f.getFileName());
        if (!f.getFileName().toString().equals(CaptureFiles.RAM) && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
          Files.createSymbolicLink(link, f.toAbsolutePath());
        }
      }
    }
    Path target = folder.resolve(format.fileName());
    Path ram = capture.resolve(CaptureFiles.RAM);
    if (!Files.exists(target) || Files.getLastModifiedTime(target).compareTo(Files.getLastModifiedTime(ram)) < 0) {
      long started = System.nanoTime();
      try (Capture c = Capture.open(capture)) {
        RamPacker.Result r = new RamPacker(format, RamPacker.defaultLevel(format), Runtime.getRuntime().availableProcessors())
            .pack(c.snapshots(), target, (done, total, b) -> {});
        log.printf("bench: packed %s: %,.0f MB -> %,.1f MB in %.1f s%n", target, r.bytes() / 1e6, r.compressedBytes() / 1e6, (System.nanoTime() - started) / 1e9);
      }
    }
    return folder;
  }

  private void generate(Path capture, long wanted) {
    // a tiny capture first, to learn the RAM span and so the snapshot count
    Path probe = capture.resolveSibling("probe");
    new CaptureGenerator(new GeneratorConfig(10, heapKib, 1, 4), (d, t, b) -> {}).generate(probe, true);
    long span;
    try {
      span = Files.size(probe.resolve("ram.bin")) / 10;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long snapshots = (wanted + span - 1) / span;
    log.printf("bench: generating %s: %,d snapshots of %,d bytes%n", capture, snapshots, span);
    long started = System.nanoTime();
    new CaptureGenerator(new GeneratorConfig(snapshots, heapKib, 1, 4), (d, t, b) -> {}).generate(capture, true);
    log.printf("bench: generated in %.1f s%n", (System.nanoTime() - started) / 1e9);
  }
}
