package io.heapreel.cli;

import io.heapreel.model.capture.CaptureException;
import io.heapreel.model.generate.CaptureGenerator;
import io.heapreel.model.generate.GeneratorConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to create (must be absent or empty unless --force).")
  Path out;

  @Option(names = "--snapshots", required = true, paramLabel = "N", description = "Events, and RAM dumps, to write.")
  long snapshots;

  @Option(names = "--heap-kib", required = true, paramLabel = "K", description = "Size of the static heap in KiB.")
  int heapKib;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Workload random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--word-size", defaultValue = "4", paramLabel = "BYTES", description = "Machine word size; only 4 is supported (default ${DEFAULT-VALUE}).")
  int wordSize;

  @Option(names = "--force", description = "Replace a non-empty --out folder.")
  boolean force;

  @Override
  public Integer call() {
    GeneratorConfig config;
    try {
      config = new GeneratorConfig(snapshots, heapKib, seed, wordSize);
    } catch (IllegalArgumentException e) {
      throw new CaptureException(e.getMessage(), e);
    }
    long started = System.nanoTime();
    boolean[] shown = {false};
    CaptureGenerator.Progress progress =
        (done, total, bytes) -> {
          double seconds = (System.nanoTime() - started) / 1e9;
          if (seconds < 2 && done < total) {
            return;
          }
          shown[0] = true;
          System.err.printf("\rgenerate: %d/%d snapshots, %.0f MB, %.0f MB/s   ", done, total, bytes / 1e6, bytes / 1e6 / Math.max(seconds, 1e-3));
        };
    new CaptureGenerator(config, progress).generate(out, force);
    if (shown[0]) {
      System.err.println();
    }
    System.err.printf("generate: wrote %s (%d snapshots) in %.1f s%n", out, snapshots, (System.nanoTime() - started) / 1e9);
    return 0;
  }
}
