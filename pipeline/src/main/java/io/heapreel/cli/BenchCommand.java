package io.heapreel.cli;

import io.heapreel.model.open.Capture;
import io.heapreel.model.error.CaptureException;
import io.heapreel.model.capture.CaptureFiles;
import io.heapreel.model.capture.RamFormat;
import io.heapreel.model.capture.RamPacker;
import io.heapreel.model.open.CaptureSpec;
import io.heapreel.model.generate.CaptureGenerator;
import io.heapreel.model.generate.GeneratorConfig;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.pipeline.HeapreelOptions;
import io.heapreel.pipeline.HeapreelRun;
import io.heapreel.pipeline.RunSummary;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Generates a big capture and times the pipeline on it. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Generate a synthetic capture of at least --gb gigabytes (kept for the next bench), run the whole pipeline on it"
          + " (all tables, default key frames) and print MB/s of ram.bin, snapshots/s and the most Java heap in use after a"
          + " garbage collection (what the run holds; the pool peaks also count garbage not collected yet).",
      "Run it as HEAPREEL_JAVA_OPTS=-Xmx1g scripts/heapreel bench to check the memory bound."
    })
public final class BenchCommand implements Callable<Integer> {
  @Option(names = "--dir", paramLabel = "DIR", defaultValue = "/tmp/heapreel-bench", description = "Work folder: capture/ and out/ (default ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--gb", paramLabel = "GB", defaultValue = "2", description = "Size of ram.bin in GB (default ${DEFAULT-VALUE}).")
  double gb;

  @Option(names = "--heap-kib", paramLabel = "K", defaultValue = "64", description = "Heap of the generated firmware in KiB (default ${DEFAULT-VALUE}).")
  int heapKib;

  @Option(names = "--packed", paramLabel = "xz|zst", description = "Run on the capture packed as ram.bin.xz or ram.bin.zst (heapreel pack, made once into DIR/capture-xz or DIR/capture-zst) instead of ram.bin.")
  String packed;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Path capture = dir.resolve("capture");
    long wanted = (long) (gb * 1e9);
    if (!Files.exists(capture.resolve("ram.bin")) || Files.size(capture.resolve("ram.bin")) < wanted) {
      generate(capture, wanted);
    }
    Path runOn = packed == null ? capture : packed(capture);
    PipelineOptionsFactory.register(HeapreelOptions.class);
    HeapreelOptions options = PipelineOptionsFactory.create().as(HeapreelOptions.class);
    options.setOut(dir.resolve("out").toString());
    RunSummary s;
    long held;
    try (HeapAfterGc heap = new HeapAfterGc()) {
      s = new HeapreelRun(CaptureSpec.of(CaptureFiles.inFolder(runOn)), SiteRules.MICROPYTHON, options, System.err, spec.commandLine().getOut())
          .run();
      held = heap.mostBytes();
    }
    double seconds = s.wallSeconds();
    long bytes = s.snapshots().count() * s.snapshots().spanBytes();
    long stored = s.inputs().get("ram").bytes();
    spec.commandLine().getOut().printf(
        "bench: %,.0f MB ram.bin%s, %,d snapshots, %,d events in %.1f s end to end: %,.0f MB/s, %,.0f snapshots/s;"
            + " heap in use after GC at most %,d MiB (pool peaks %,d MiB) of max %,d MiB; %d cores%n",
        bytes / 1e6, packed == null ? "" : String.format(" (read from %s: %,.1f MB)", s.inputs().get("ram").path(), stored / 1e6),
        s.snapshots().count(), s.events() == null ? 0 : s.events().parsed(), seconds, bytes / 1e6 / seconds,
        s.snapshots().count() / seconds, held >> 20, peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors());
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** DIR/capture-FORMAT: the capture's files linked, its RAM dumps packed (once, again when ram.bin is newer). */
  private Path packed(Path capture) throws IOException {
    RamFormat format = switch (packed.toLowerCase(java.util.Locale.ROOT)) {
      case "xz" -> RamFormat.XZ;
      case "zst", "zstd" -> RamFormat.ZSTD;
      default -> throw new CaptureException("--packed must be xz or zst, not '" + packed + "'");
    };
    Path folder = dir.resolve("capture-" + (format == RamFormat.XZ ? "xz" : "zst"));
    Files.createDirectories(folder);
    try (var files = Files.list(capture)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path link = folder.resolve(f.getFileName());
        if (!f.getFileName().toString().equals(CaptureFiles.RAM) && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
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
        System.err.printf("bench: packed %s: %,.0f MB -> %,.1f MB in %.1f s%n", target, r.bytes() / 1e6, r.compressedBytes() / 1e6, (System.nanoTime() - started) / 1e9);
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
      throw new java.io.UncheckedIOException(e);
    }
    long snapshots = (wanted + span - 1) / span;
    System.err.printf("bench: generating %s: %,d snapshots of %,d bytes%n", capture, snapshots, span);
    long started = System.nanoTime();
    new CaptureGenerator(new GeneratorConfig(snapshots, heapKib, 1, 4), (d, t, b) -> {}).generate(capture, true);
    System.err.printf("bench: generated in %.1f s%n", (System.nanoTime() - started) / 1e9);
  }

  private static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
