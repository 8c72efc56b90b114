package io.heapreel.cli;

import io.heapreel.model.open.Capture;
import io.heapreel.model.error.CaptureException;
import io.heapreel.model.capture.CaptureFiles;
import io.heapreel.model.open.CaptureSpec;
import io.heapreel.model.capture.MapFileParser;
import io.heapreel.model.error.Reasons;
import io.heapreel.model.open.WordSizeFinder;
import io.heapreel.model.export.AllocationHistoryWriter;
import io.heapreel.model.export.LifespanCsvWriter;
import io.heapreel.model.heap.HeapLocation;
import io.heapreel.model.lifespan.LogReplay;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Every allocation's lifespan from the gdb log, as allocation_history.json or CSV. */
@Command(
    name = "lifespans",
    mixinStandardHelpOptions = true,
    description = {
      "Replay the gdb log into allocation lifespans (start block, blocks, start and end event, end cause, call site).",
      "",
      "--format json writes gc_activity.py's allocation_history.json (same fields: start_block, size, start_time,"
          + " end_time, end_cause, start_trace, end_trace with frames as [pc, file:line, function]), except that"
          + " sweeps say 'sweep' (gc_activity.py says 'free') and frees of blocks allocated before the capture began"
          + " are left out (gc_activity.py writes them as allocations of size 0).",
      "--format csv writes one row per lifespan: " + LifespanCsvWriter.HEADER + " (address needs ram.bin and the map"
          + " to find the heap; end_event and end_cause are empty while alive).",
      "Only the log is needed; damage in it is reported on stderr."
    })
public final class LifespansCommand implements Callable<Integer> {
  enum Format { JSON, CSV }

  @Mixin CaptureOptions capture;
  @Mixin LogOptions log;

  @Spec CommandSpec spec;

  @Option(names = "--format", paramLabel = "json|csv", defaultValue = "json", description = "Output format (default: ${DEFAULT-VALUE}).")
  Format format;

  @Mixin ProgressOptions console;

  @Option(names = "--out", paramLabel = "FILE", description = "Write here (replaced only once complete) instead of stdout.")
  Path out;

  @Override
  public Integer call() throws IOException {
    Path logFile = capture.logOnly();
    if (out != null && Files.isDirectory(out)) {
      throw new CaptureException(out + ": --out is a folder; give the name of the file to write");
    }
    LogReplay replay = LogReplay.read(logFile, log.rules(capture));
    LogDiagnostics.damage(logFile, replay.summary(), replay.damage(), spec.commandLine().getErr());
    LogCheck.ofLogOnly(capture, log.rules(), spec.commandLine().getErr());
    HeapLocation area = format == Format.CSV ? heap() : null;
    int wordSize = capture.wordSize != null ? capture.wordSize : area != null ? area.wordSize() : mapWordSize();
    if (out == null) {
      OutputStream stdout = new BufferedOutputStream(System.out, 1 << 16);
      write(replay, area, wordSize, stdout);
      stdout.flush();
    } else {
      writeAtomically(replay, area, wordSize);
      console.summary(spec.commandLine().getErr()).printf("heapreel: %d lifespans (%d events) written to %s%n", replay.lifespans().size(), replay.records(), out);
    }
    return 0;
  }

  private void write(LogReplay replay, HeapLocation area, int wordSize, OutputStream stream) throws IOException {
    if (format == Format.JSON) {
      new AllocationHistoryWriter(wordSize).write(replay.lifespans(), replay.records(), stream);
    } else {
      Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
      new LifespanCsvWriter(area).write(replay.lifespans(), w);
      w.flush();
    }
  }

  private void writeAtomically(LogReplay replay, HeapLocation area, int wordSize) throws IOException {
    Path target = out.toAbsolutePath();
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    try {
      try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
        write(replay, area, wordSize, stream);
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.deleteIfExists(partial);
      String why = e instanceof java.nio.file.NoSuchFileException ? "its folder does not exist"
          : Files.isDirectory(target) ? "it is a folder" : Reasons.of(e);
      throw new CaptureException(out + ": cannot write (" + why + ")", e);
    }
  }

  /** The word size the map's OUTPUT line gives; 4 when the map is absent or unreadable (the log is enough). */
  private int mapWordSize() {
    try {
      return mapWordSize(capture.spec());
    } catch (CaptureException e) {
      return 4;
    }
  }

  /** The word size the map's OUTPUT line gives (program counters are printed that wide), else 4. */
  private static int mapWordSize(CaptureSpec spec) {
    Path map = spec.files().map();
    Integer bytes = map == null || !Files.isRegularFile(map) ? null : WordSizeFinder.ofFormat(MapFileParser.outputFormat(map));
    return bytes == null ? 4 : bytes;
  }

  /** The heap (every area) when the capture has RAM dumps and symbols; else null (no addresses). */
  private HeapLocation heap() {
    try {
      CaptureSpec captureSpec = capture.spec();
      CaptureFiles f = captureSpec.files();
      if ((f.ram() == null && captureSpec.ramSource() == null) || (f.map() == null && f.elf() == null)) {
        spec.commandLine().getErr().println("heapreel: note: no ram.bin and map here, so the address column stays empty");
        return null;
      }
      try (Capture c = Capture.open(captureSpec)) {
        return c.heap();
      }
    } catch (CaptureException e) {
      // the lifespans need only the log: a broken map, ELF or ram.bin costs the addresses alone
      spec.commandLine().getErr().println("heapreel: warning: the address column stays empty: " + e.getMessage());
      return null;
    }
  }
}
