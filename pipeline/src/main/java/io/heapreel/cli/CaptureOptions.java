package io.heapreel.cli;

import io.heapreel.model.open.Capture;
import io.heapreel.model.error.CaptureException;
import io.heapreel.model.capture.CaptureFiles;
import io.heapreel.model.capture.ByteSource;
import io.heapreel.model.open.CaptureSpec;
import io.heapreel.pipeline.BeamByteSource;
import io.heapreel.pipeline.BeamOptions;
import org.apache.beam.sdk.io.FileSystems;
import io.heapreel.model.heap.AddressRange;
import io.heapreel.model.heap.HeapGeometry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every command that reads a capture shares. */
public final class CaptureOptions {
  @Option(names = "--capture", paramLabel = "DIR", description = "Capture folder: ram.bin, mylog.txt, *.map, optionally firmware.elf / firmware.bin.")
  Path capture;

  @Option(names = "--ram", paramLabel = "FILE|URI", description = "The concatenated RAM dumps, plain or xz- or zstd-compressed (default DIR/ram.bin, else DIR/ram.bin.xz or DIR/ram.bin.zst). A URI (file://, hdfs://, gs://, s3://) is read by byte ranges through Beam's filesystems instead of mapped.")
  String ram;

  @Option(names = "--log", paramLabel = "FILE", description = "The gdb log (default DIR/mylog.txt).")
  Path log;

  @Option(names = "--map", paramLabel = "FILE", description = "GNU ld map file (default DIR/*.map).")
  Path map;

  @Option(names = "--elf", paramLabel = "FILE", description = "Firmware ELF; its symbol table is used instead of the map (default DIR/firmware.elf).")
  Path elf;

  @Option(names = "--rom", paramLabel = "FILE", description = "Flash image with type objects and ROM qstrs (default DIR/firmware.bin).")
  Path rom;

  @Option(names = "--rom-base", paramLabel = "ADDR", converter = AddressConverter.class, description = "Load address of the ROM image (default: symbol _sfixed, else 0).")
  Long romBase;

  @Option(names = "--ram-start-symbol", paramLabel = "NAME", defaultValue = CaptureSpec.DEFAULT_RAM_START_SYMBOL, description = "Symbol of the first dumped RAM byte (default: ${DEFAULT-VALUE}).")
  String ramStartSymbol;

  @Option(names = "--ram-end-symbol", paramLabel = "NAME", defaultValue = CaptureSpec.DEFAULT_RAM_END_SYMBOL, description = "Symbol just past the dumped RAM (default: ${DEFAULT-VALUE}).")
  String ramEndSymbol;

  @Option(names = "--ram-start", paramLabel = "ADDR", converter = AddressConverter.class, description = "RAM start address, instead of a symbol.")
  Long ramStart;

  @Option(names = "--ram-end", paramLabel = "ADDR", converter = AddressConverter.class, description = "RAM end address (exclusive), instead of a symbol.")
  Long ramEnd;

  @Option(names = "--heap-area", paramLabel = "START,END", description = "A heap area [START,END) (repeat for a split heap); skips the search.")
  List<String> heapAreas = new ArrayList<>();

  @Option(names = "--word-size", paramLabel = "BYTES", description = "Machine word size, 4 or 8 (default: the ELF class, else the map's OUTPUT format, else the one at which the heap's area descriptor is found).")
  Integer wordSize;

  @Option(names = "--no-finaliser", negatable = false, description = "Areas given by --heap-area or the heap symbol have no finaliser table (default: found from the data when the collector's area descriptor is not in the dumps).")
  boolean noFinaliser;

  @Option(names = "--block-size", paramLabel = "BYTES", description = "MICROPY_BYTES_PER_GC_BLOCK of areas given by --heap-area or the heap symbol (default: found from the data when the collector's area descriptor is not in the dumps).")
  Integer blockSize;

  @Option(names = "--heap-formula", paramLabel = "KIND", defaultValue = "MICROPYTHON", description = "Table layout for areas computed from a range: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  HeapGeometry.Formula heapFormula;

  public CaptureSpec spec() {
    if (wordSize != null && wordSize != 4 && wordSize != 8) {
      throw new CaptureException("--word-size must be 4 or 8, not " + wordSize);
    }
    if (blockSize != null && (blockSize < 4 || Integer.bitCount(blockSize) != 1)) {
      throw new CaptureException("--block-size must be a power of two of at least 4 bytes, not " + blockSize);
    }
    List<AddressRange> areas = new ArrayList<>();
    for (String area : heapAreas) {
      try {
        areas.add(AddressRange.parse(area));
      } catch (IllegalArgumentException e) {
        String why = e instanceof NumberFormatException ? "expected START,END as numbers (0x20000320,0x20007320), got '" + area + "'" : e.getMessage();
        throw new CaptureException("--heap-area: " + why, e);
      }
    }
    refuseOverlaps(areas);
    ByteSource remote = null;
    if (BeamByteSource.isUri(ram)) {
      FileSystems.setDefaultPipelineOptions(BeamOptions.of(List.of()));
      remote = new BeamByteSource(ram);
    }
    Path ramFile = ram == null || remote != null ? null : Path.of(ram);
    CaptureFiles files = CaptureFiles.locate(capture, ramFile, log, map, elf, rom);
    return new CaptureSpec(files, ramStartSymbol, ramEndSymbol, ramStart, ramEnd, wordSize, areas, !noFinaliser, heapFormula, blockSize, romBase, remote);
  }

  /** Overlapping areas would count their common blocks twice. */
  private static void refuseOverlaps(List<AddressRange> areas) {
    for (int i = 0; i < areas.size(); i++) {
      for (int j = i + 1; j < areas.size(); j++) {
        AddressRange a = areas.get(i);
        AddressRange b = areas.get(j);
        if (a.start() < b.end() && b.start() < a.end()) {
          throw new CaptureException(String.format(
              "--heap-area 0x%x,0x%x and --heap-area 0x%x,0x%x overlap: each heap area must be separate memory",
              a.start(), a.end(), b.start(), b.end()));
        }
      }
    }
  }

  /** The gdb log alone, for the commands that need nothing else: other files are not looked at. */
  public Path logOnly() {
    if (capture != null && !Files.isDirectory(capture)) {
      throw new CaptureException(capture + ": no such capture folder");
    }
    Path p = log != null ? log : capture == null ? null : capture.resolve(CaptureFiles.LOG);
    if (log == null && p != null && !Files.exists(p)) {
      p = null;
    }
    return new CaptureFiles(null, p, null, null, null, null).requireLog();
  }

  /** The firmware's map for the commands that read the log alone: --map, else the folder's, else null. */
  public Path mapOnly() {
    if (map != null || capture == null) {
      return map;
    }
    return CaptureFiles.locate(capture, null, null, null, null, null).map();
  }

  public Capture open() {
    return Capture.open(spec());
  }
}
