package io.heapreel.cli;

import io.heapreel.model.capture.CaptureFiles;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.open.CaptureSpec;
import io.heapreel.pipeline.BeamOptions;
import io.heapreel.pipeline.HeapreelRun;
import io.heapreel.pipeline.RunSettings;
import io.heapreel.pipeline.RunSummary;
import io.heapreel.testkit.bench.BenchCapture;
import io.heapreel.testkit.bench.HeapAfterGc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
  @Mixin ProgressOptions console;

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = "/tmp/heapreel-bench", description = "Work folder: capture/ and out/ (default ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--gb", paramLabel = "GB", defaultValue = "2", description = "Size of ram.bin in GB (default ${DEFAULT-VALUE}).")
  double gb;

  @Option(names = "--heap-kib", paramLabel = "K", defaultValue = "64", description = "Heap of the generated firmware in KiB (default ${DEFAULT-VALUE}).")
  int heapKib;

  @Option(names = "--packed", paramLabel = "xz|zst", description = "Run on the capture packed as ram.bin.xz or ram.bin.zst (heapreel pack, made once into DIR/capture-xz or DIR/capture-zst) instead of ram.bin.")
  String packed;

  @Option(names = "--no-cat", negatable = false,
      description = "Do not time cat reading the RAM file just before the run: for a run on a file dropped from the page cache,"
          + " which cat would read back in.")
  boolean noCat;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    BenchCapture work = new BenchCapture(dir, heapKib, console.showProgress() ? System.err : new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    Path capture = work.capture((long) (gb * 1e9));
    Path runOn = packed == null ? capture : work.packed(capture, BenchCapture.packFormat(packed));
    Path ramFile = CaptureFiles.inFolder(runOn).ram();
    double catSeconds = !noCat ? catSeconds(ramFile) : Double.NaN;
    RunSummary s;
    long held;
    try (HeapAfterGc heap = new HeapAfterGc()) {
      s = new HeapreelRun(CaptureSpec.of(CaptureFiles.inFolder(runOn)), SiteRules.MICROPYTHON, progressAsAsked(RunSettings.defaults(dir.resolve("out"))), BeamOptions.of(List.of()), System.err, console.summary(spec.commandLine().getOut()))
          .run();
      held = heap.mostBytes();
    }
    double seconds = s.wallSeconds();
    long bytes = s.snapshots().count() * s.snapshots().spanBytes();
    long stored = s.inputs().get("ram").bytes();
    spec.commandLine().getOut().printf(
        "bench: %,.0f MB ram.bin%s, %,d snapshots, %,d events in %.1f s end to end: %,.0f MB/s, %,.0f snapshots/s;"
            + " heap in use after GC at most %,d MiB (pool peaks %,d MiB) of max %,d MiB; %d cores%n"
            + "%s%n",
        bytes / 1e6, packed == null ? "" : String.format(" (read from %s: %,.1f MB)", s.inputs().get("ram").path(), stored / 1e6),
        s.snapshots().count(), s.events() == null ? 0 : s.events().parsed(), seconds, bytes / 1e6 / seconds,
        s.snapshots().count() / seconds, held >> 20, HeapAfterGc.poolPeaks() >> 20, Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors(),
        !noCat
            ? String.format("bench: cat read the same file (%,.0f MB) just before in %.2f s: %,.0f MB/s", Files.size(ramFile) / 1e6, catSeconds, Files.size(ramFile) / 1e6 / catSeconds)
            : "bench: --no-cat: the file was read as it was in the page cache");
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** Seconds {@code cat} takes to read the file to nowhere: the machine's own reading speed beside the run's; NaN without cat. */
  private static double catSeconds(Path file) {
    long start = System.nanoTime();
    try {
      Process cat = new ProcessBuilder("cat", file.toString())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (cat.waitFor() != 0) {
        return Double.NaN;
      }
    } catch (IOException e) {
      return Double.NaN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Double.NaN;
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** The default settings with progress shown or not as --quiet and --no-progress say. */
  private RunSettings progressAsAsked(RunSettings d) {
    return new RunSettings(d.out(), d.keyFrames(), d.snapshotsPerSplit(), console.showProgress(), d.frames(), d.frameEvery(),
        d.frameRange(), d.video(), d.fps(), d.heapsnapshots(), d.report());
  }
}
