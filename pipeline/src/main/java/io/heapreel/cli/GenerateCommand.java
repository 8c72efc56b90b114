package io.heapreel.cli;

import io.heapreel.model.error.CaptureException;
import io.heapreel.testkit.generate.CaptureGenerator;
import io.heapreel.testkit.generate.GeneratorConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes a synthetic capture with its expected results. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description =
        "Write a synthetic capture (ram.bin, mylog.txt, firmware.map/.elf/.bin) by simulating the"
            + " MicroPython v1.28 allocator and collector under a sensor-logger workload, plus the"
            + " simulator's own figures in expected/ (stats.csv, events.csv, lifespans.csv,"
            + " objects_last.json). The same options give the same bytes.")
public final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to create (must be absent or empty unless --force).")
  Path out;

  @Option(names = "--snapshots", required = true, paramLabel = "N", description = "Events, and RAM dumps, to write.")
  long snapshots;

  @Option(names = "--heap-kib", required = true, paramLabel = "K", description = "Size of the static heap in KiB.")
  int heapKib;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Workload random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--word-size", defaultValue = "4", paramLabel = "BYTES", description = "Machine word size: 4 (a 32-bit board, with firmware.elf and firmware.bin) or 8 (a 64-bit RISC-V build: 32-byte blocks, the heap below mp_state_ctx, no firmware.elf) (default ${DEFAULT-VALUE}).")
  int wordSize;

  @Option(names = "--split-heap", description = "Two heap areas, as MICROPY_GC_SPLIT_HEAP and CircuitPython's split heap make: gc_init on the first half of the heap, gc_add on the second.")
  boolean splitHeap;

  @Option(names = "--force", description = "Replace a non-empty --out folder.")
  boolean force;

  @Mixin ProgressOptions console;

  @Override
  public Integer call() {
    GeneratorConfig config;
    try {
      config = new GeneratorConfig(snapshots, heapKib, seed, wordSize, splitHeap);
    } catch (IllegalArgumentException e) {
      throw new CaptureException(e.getMessage(), e);
    }
    long started = System.nanoTime();
    PrintWriter err = spec.commandLine().getErr();
    ProgressOptions.Line line = console.line(err);
    CaptureGenerator.Progress progress = (done, total, bytes) -> line.update(() -> String.format(Locale.ROOT,
        "generate: %d/%d snapshots, %.0f MB, %.0f MB/s", done, total, bytes / 1e6, bytes / 1e6 / ((System.nanoTime() - started) / 1e9)));
    new CaptureGenerator(config, progress).generate(out, force);
    line.finish();
    console.summary(err).printf(Locale.ROOT, "generate: wrote %s (%d snapshots) in %.1f s%n", out, snapshots, (System.nanoTime() - started) / 1e9);
    err.flush();
    return 0;
  }
}
