package io.heapreel.cli;

import io.heapreel.model.error.CaptureException;
import io.heapreel.testkit.generate.CaptureGenerator;
import io.heapreel.testkit.generate.GeneratorConfig;
import io.heapreel.pipeline.Terminal;
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

  @Option(names = "--word-size", defaultValue = "4", paramLabel = "BYTES", description = "Machine word size: 4 (a 32-bit board, with firmware.elf and firmware.bin) or 8 (a 64-bit RISC-V build: 32-byte blocks, the heap below mp_state_ctx, no firmware.elf) (default ${DEFAULT-VALUE}).")
  int wordSize;

  @Option(names = "--force", description = "Replace a non-empty --out folder.")
  boolean force;

  @Option(names = {"-q", "--quiet"}, description = "No progress and no closing line.")
  boolean quiet;

  @Override
  public Integer call() {
    GeneratorConfig config;
    try {
      config = new GeneratorConfig(snapshots, heapKib, seed, wordSize);
    } catch (IllegalArgumentException e) {
      throw new CaptureException(e.getMessage(), e);
    }
    long started = System.nanoTime();
    boolean terminal = Terminal.stderr();
    // on a terminal the line is redrawn from the 2nd second on; in a log, a new line every 5 seconds
    long[] next = {started + (terminal ? 2_000_000_000L : 5_000_000_000L)};
    boolean[] shown = {false};
    CaptureGenerator.Progress progress =
        (done, total, bytes) -> {
          long now = System.nanoTime();
          if (quiet || now < next[0]) {
            return;
          }
          next[0] = terminal ? now : now + 5_000_000_000L;
          shown[0] = true;
          double seconds = (now - started) / 1e9;
          String line = String.format("generate: %d/%d snapshots, %.0f MB, %.0f MB/s", done, total, bytes / 1e6, bytes / 1e6 / seconds);
          if (terminal) {
            System.err.print("\r" + line + "   ");
          } else {
            System.err.println(line);
          }
        };
    new CaptureGenerator(config, progress).generate(out, force);
    if (quiet) {
      return 0;
    }
    if (shown[0] && terminal) {
      System.err.println();
    }
    System.err.printf("generate: wrote %s (%d snapshots) in %.1f s%n", out, snapshots, (System.nanoTime() - started) / 1e9);
    return 0;
  }
}
