package io.heapreel.cli;

import io.heapreel.model.capture.CaptureFiles;
import io.heapreel.model.capture.CaptureSpec;
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

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Path capture = dir.resolve("capture");
    long wanted = (long) (gb * 1e9);
    if (!Files.exists(capture.resolve("ram.bin")) || Files.size(capture.resolve("ram.bin")) < wanted) {
      generate(capture, wanted);
    }
    PipelineOptionsFactory.register(HeapreelOptions.class);
    HeapreelOptions options = PipelineOptionsFactory.create().as(HeapreelOptions.class);
    options.setOut(dir.resolve("out").toString());
    RunSummary s;
    long held;
    try (HeapAfterGc heap = new HeapAfterGc()) {
      s = new HeapreelRun(CaptureSpec.of(CaptureFiles.inFolder(capture)), SiteRules.MICROPYTHON, options, System.err, spec.commandLine().getOut())
          .run();
      held = heap.mostBytes();
    }
    double seconds = s.wallSeconds();
    long bytes = s.inputs().get("ram").bytes();
    spec.commandLine().getOut().printf(
        "bench: %,.0f MB ram.bin, %,d snapshots, %,d events in %.1f s end to end: %,.0f MB/s, %,.0f snapshots/s;"
            + " heap in use after GC at most %,d MiB (pool peaks %,d MiB) of max %,d MiB; %d cores%n",
        bytes / 1e6, s.snapshots().count(), s.events() == null ? 0 : s.events().parsed(), seconds, bytes / 1e6 / seconds,
        s.snapshots().count() / seconds, held >> 20, peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors());
    spec.commandLine().getOut().flush();
    return 0;
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
