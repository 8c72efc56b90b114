package io.heapreel.testkit.generate;

import io.heapreel.model.error.CaptureException;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes a synthetic capture in the real format ({@code ram.bin}, {@code mylog.txt},
 * {@code firmware.map}, {@code firmware.elf}, {@code firmware.bin}) by running the workload on
 * the simulated allocator, plus the simulator's own bookkeeping in {@code expected/}. Streams:
 * one RAM image in memory, each snapshot written as its event happens. Everything goes to a
 * temporary folder beside the target, moved into place when complete.
 */
public final class CaptureGenerator {
  /** Told how far generation is, now and then. */
  public interface Progress {
    void update(long snapshots, long total, long ramBytes);
  }

  private final GeneratorConfig config;
  private final Progress progress;

  public CaptureGenerator(GeneratorConfig config, Progress progress) {
    this.config = config;
    this.progress = progress;
  }

  /** Generates into {@code out}, which must be absent or empty unless {@code force}. */
  public void generate(Path out, boolean force) {
    Path target = out.toAbsolutePath().normalize();
    checkTarget(target, force);
    Path temp = target.resolveSibling("." + target.getFileName() + ".partial-" + ProcessHandle.current().pid());
    try {
      deleteTree(temp);
      Files.createDirectories(temp.resolve("expected"));
      write(temp);
      if (Files.exists(target)) {
        deleteTree(target);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CaptureException(target + ": cannot write the capture (" + e.getMessage() + ")", e);
    } finally {
      try {
        deleteTree(temp);
      } catch (IOException ignored) {
        // best effort: a leftover partial folder is named as such
      }
    }
  }

  private static void checkTarget(Path target, boolean force) {
    if (!Files.exists(target)) {
      return;
    }
    if (!Files.isDirectory(target)) {
      throw new CaptureException(target + ": exists and is not a folder");
    }
    try (Stream<Path> entries = Files.list(target)) {
      if (entries.findAny().isPresent() && !force) {
        throw new CaptureException(target + ": the folder is not empty; pass --force to replace it");
      }
    } catch (IOException e) {
      throw new CaptureException(target + ": cannot list (" + e.getMessage() + ")", e);
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> all = Files.walk(p)) {
      for (Path x : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }

  private void write(Path dir) throws IOException {
    FirmwareLayout layout = new FirmwareLayout(config.heapKib() * 1024, config.wordSize(), config.splitHeap());
    try (Writer map = Files.newBufferedWriter(dir.resolve("firmware.map"), StandardCharsets.UTF_8)) {
      MapWriter.write(layout, map);
    }
    Image rom = RomWriter.build(layout);
    Files.write(dir.resolve("firmware.bin"), rom.bytes);
    if (layout.w == 4) {
      // the 64-bit firmware has no ELF, as the RV64 QEMU capture had none: the map's OUTPUT line tells its word size
      Files.write(dir.resolve("firmware.elf"), ElfWriter.build(layout, rom));
    }
    Path expected = dir.resolve("expected");
    try (OutputStream ramOut = new BufferedOutputStream(Files.newOutputStream(dir.resolve("ram.bin")), 1 << 20);
        Writer logOut = writer(dir.resolve("mylog.txt"));
        Writer stats = writer(expected.resolve("stats.csv"));
        Writer events = writer(expected.resolve("events.csv"));
        Writer lifespans = writer(expected.resolve("lifespans.csv"))) {
      Image ram = new Image(layout.ramBase, (int) layout.ramBytes(), layout.w);
      ram.putU32(layout.ramBase, 0x80000000L ^ config.seed()); // yasmarang_d: seeded PRNG state
      CStack stack = new CStack(ram, layout.estack - 0x40, layout.ebss + 0x100);
      LogWriter log = new LogWriter(layout, logOut);
      log.preamble();
      GcSimulator gc = new GcSimulator(ram, log, layout, stack);
      Recorder recorder = new Recorder(gc, ram, stack, layout, log, ramOut, stats, events, lifespans, expected);
      gc.listen(recorder);
      MpRuntime rt = new MpRuntime(layout, ram, gc, stack, log);
      try {
        new Workload(rt, config.seed()).run();
      } catch (Recorder.Complete done) {
        // the capture has its snapshots
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      log.end();
      recorder.finish();
    }
    Files.writeString(expected.resolve("README.md"), ExpectedReadme.text(config), StandardCharsets.UTF_8);
  }

  private static Writer writer(Path p) throws IOException {
    return new BufferedWriter(Files.newBufferedWriter(p, StandardCharsets.UTF_8), 1 << 18);
  }

  /** The snapshot taker: at each hook, dumps RAM, logs the record and keeps the oracle's books. */
  private final class Recorder implements GcListener {
    private final GcSimulator gc;
    private final Image ram;
    private final CStack stack;
    private final FirmwareLayout layout;
    private final LogWriter log;
    private final OutputStream ramOut;
    private final Writer stats;
    private final Writer events;
    private final Writer lifespans;
    private final Path expected;
    private final Map<Integer, long[]> live = new TreeMap<>();
    private final StringBuilder row = new StringBuilder(128);
    private long event;

    Recorder(GcSimulator gc, Image ram, CStack stack, FirmwareLayout layout, LogWriter log, OutputStream ramOut, Writer stats, Writer events, Writer lifespans, Path expected)
        throws IOException {
      this.gc = gc;
      this.ram = ram;
      this.stack = stack;
      this.layout = layout;
      this.log = log;
      this.ramOut = ramOut;
      this.stats = stats;
      this.events = events;
      this.lifespans = lifespans;
      this.expected = expected;
      stats.write(OracleStats.HEADER + "\n");
      events.write("event,action,start_block,blocks\n");
      lifespans.write("start_block,blocks,start_event,end_event,end_cause\n");
    }

    @Override
    public void change(Action action, int block, int blocks, List<Frame> frames) {
      try {
        ramOut.write(ram.bytes);
        log.record(block, blocks, frames);
        row.setLength(0);
        OracleStats.row(event, gc.state, gc.finaliser, row);
        stats.append(row);
        row.setLength(0);
        row.append(event).append(',').append(action.csv()).append(',').append(block).append(',').append(blocks).append('\n');
        events.append(row);
        switch (action) {
          case ALLOC -> live.put(block, new long[] {blocks, event});
          case REALLOC -> {
            end(block, "realloc");
            live.put(block, new long[] {blocks, event});
          }
          case FREE, SWEEP -> end(block, action.csv());
        }
        event++;
        if (event % 4096 == 0 || event == config.snapshots()) {
          progress.update(event, config.snapshots(), event * ram.bytes.length);
        }
        if (event == config.snapshots()) {
          Files.writeString(expected.resolve("objects_last.json"), ObjectsJson.write(event - 1, gc, ram, layout, stack), StandardCharsets.UTF_8);
          throw new Complete();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void end(int block, String cause) throws IOException {
      long[] span = live.remove(block);
      if (span != null) {
        lifespans.write(block + "," + span[0] + "," + span[1] + "," + event + "," + cause + "\n");
      }
    }

    void finish() throws IOException {
      for (Map.Entry<Integer, long[]> e : live.entrySet()) {
        lifespans.write(e.getKey() + "," + e.getValue()[0] + "," + e.getValue()[1] + ",,\n");
      }
    }

    /** Unwinds the workload once the last snapshot is written. */
    static final class Complete extends RuntimeException {
      Complete() {
        super("capture complete", null, false, false);
      }
    }
  }
}
