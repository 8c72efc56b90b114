package io.heapreel.model.open;

import io.heapreel.model.capture.SymbolTable;
import io.heapreel.model.capture.Symbol;
import io.heapreel.model.capture.SnapshotFile;
import io.heapreel.model.capture.Snapshot;
import io.heapreel.model.capture.RomImage;
import io.heapreel.model.capture.RamSpan;
import io.heapreel.model.capture.ElfImage;
import io.heapreel.model.capture.FirmwareCode;
import io.heapreel.model.capture.MapFileParser;
import io.heapreel.model.capture.Memory;
import io.heapreel.model.capture.ElfSymbols;
import io.heapreel.model.capture.CaptureFiles;
import io.heapreel.model.error.CaptureException;
import io.heapreel.model.heap.BuiltinTypes;
import io.heapreel.model.heap.AreaChain;
import io.heapreel.model.heap.DumpAlignment;
import java.util.AbstractList;
import java.util.ArrayList;
import io.heapreel.model.heap.HeapDecoder;
import io.heapreel.model.heap.HeapFinder;
import io.heapreel.model.heap.AreaLinks;
import io.heapreel.model.heap.LastUsedBlocks;
import io.heapreel.model.heap.RootMaps;
import io.heapreel.model.heap.GrowingHeap;
import io.heapreel.model.capture.RamFormat;
import io.heapreel.model.heap.HeapLocation;
import io.heapreel.model.heap.HeapSearch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import java.util.Optional;

/**
 * One opened capture: symbols, the RAM span, the mapped snapshots, the ROM image when there is
 * one, and the heap found in it. The facade the commands and the pipeline start from.
 */
public final class Capture implements AutoCloseable {
  private final CaptureSpec spec;
  private final SymbolTable symbols;
  /**
   * Which object file each piece of code was linked from, by the map; none without a map. Read when
   * first asked for where the symbols came from the ELF: only the commands that find allocation sites
   * need it, and a second read of a map costs tens of milliseconds.
   */
  private FirmwareCode code;
  private final WordSize wordSize;
  private final List<String> warnings;
  private final RamSpan ram;
  private final SnapshotFile snapshots;
  private final RomImage rom;
  /** The flash contents: firmware.bin, else the ELF's loadable segments, else null. */
  private final Memory flash;
  private final HeapLocation heap;
  private final BuiltinTypes types;

  private Capture(CaptureSpec spec) {
    this.spec = spec;
    CaptureFiles files = spec.files();
    Path ramFile = spec.ramSource() == null ? files.requireRam() : null;
    Path symbolFile = files.requireSymbols();
    WordSizeFinder words = new WordSizeFinder().claim(spec.wordSize(), "--word-size " + spec.wordSize());
    if (symbolFile.equals(files.elf())) {
      ElfSymbols.Result elf = ElfSymbols.read(symbolFile);
      this.symbols = elf.symbols();
      words.claim(elf.wordSize(), "the ELF class of " + symbolFile.getFileName() + " (" + elf.wordSize() * 8 + "-bit)");
    } else {
      MapFileParser.Parsed map = MapFileParser.parseAll(symbolFile);
      this.symbols = map.symbols();
      this.code = map.code();
    }
    if (files.map() != null && Files.isRegularFile(files.map())) {
      String format = MapFileParser.outputFormat(files.map());
      words.claim(WordSizeFinder.ofFormat(format), "the OUTPUT format " + format + " of " + files.map().getFileName());
    }
    this.ram = ramSpan(spec, symbols);
    this.snapshots = ramFile != null ? SnapshotFile.open(ramFile, ram) : SnapshotFile.open(spec.ramSource(), ram);
    this.wordSize = words.decide(scanned(snapshots), ram);
    this.warnings = new ArrayList<>(words.warnings());
    int wordSize = this.wordSize.bytes();
    this.rom = files.rom() == null ? null : RomImage.open(files.rom(), romBase(spec, symbols));
    this.flash = rom != null ? rom : files.elf() != null ? ElfImage.read(files.elf()) : null;
    // the flash tells the static type objects apart (their first word is &mp_type_type)
    this.types = BuiltinTypes.from(symbols, flash, wordSize);
    if (rom != null) {
      romCoversTypes(files.rom());
    }
    HeapSearch search =
        new HeapSearch(spec.heapAreas(), wordSize, spec.finaliser(), spec.heapFormula(), "heap",
            spec.bytesPerBlock() == null ? 0 : spec.bytesPerBlock());
    HeapLocation found = AreaChain.check(findHeap(new HeapFinder(symbols, ram, search)), snapshots, wordSize, symbols, warnings);
    HeapLocation anchored = found.withAnchor(DumpAlignment.check(snapshots, wordSize, symbols, warnings));
    HeapLocation linked = symbols.find(AreaLinks.GROWS_SYMBOL).isPresent()
        ? GrowingHeap.areasOverTime(anchored, snapshots, ramFile != null && RamFormat.of(ramFile) == RamFormat.RAW, warnings)
        : anchored;
    HeapLocation used = linked.withLastUsed(LastUsedBlocks.find(linked, snapshots, wordSize));
    this.heap = used.withRootMaps(RootMaps.find(used, snapshots, symbols, types, wordSize));
  }

  /** The flash image must hold the built-in type objects the symbols place in it; else it is cut or of other firmware. */
  private void romCoversTypes(Path romFile) {
    List<Symbol> outside = symbols.withPrefix("mp_type_").stream()
        .filter(s -> s.address() >= rom.base() && s.address() < ram.start() && !rom.contains(s.address(), 4))
        .toList();
    if (!outside.isEmpty()) {
      warnings.add(String.format(
          "%s: the flash image (%d bytes from 0x%08x) does not hold %d of the built-in type objects the symbols place in"
              + " flash (%s at 0x%08x, ...): cut short, or of other firmware; ROM names and strings may be missing",
          romFile, rom.end() - rom.base(), rom.base(), outside.size(), outside.get(0).name(), outside.get(0).address()));
    }
  }

  public static Capture open(CaptureSpec spec) {
    return new Capture(spec);
  }

  public static Capture open(Path folder) {
    return open(CaptureSpec.of(CaptureFiles.inFolder(folder)));
  }

  /** The first snapshot, and the last when the heap may not have been set up at the first. */
  private static List<Snapshot> scanned(SnapshotFile snapshots) {
    if (snapshots.count() == 0) {
      return List.of();
    }
    return snapshots.count() == 1
        ? List.of(snapshots.snapshot(0))
        : List.of(snapshots.snapshot(0), snapshots.snapshot(snapshots.count() - 1));
  }

  private HeapLocation findHeap(HeapFinder finder) {
    long n = snapshots.count();
    // a heap known only as a range is laid out by the last snapshot's pointers, else by earlier
    // ones'; read only when asked (out of order, a snapshot of a one-block xz file costs a decompression)
    long[] picks = LongStream.of(n - 1, n * 3 / 4, n / 2, n / 4).distinct().toArray();
    List<Snapshot> late = new AbstractList<>() {
      @Override
      public Snapshot get(int i) {
        return snapshots.snapshot(picks[i]);
      }

      @Override
      public int size() {
        return picks.length;
      }
    };
    try {
      return finder.find(snapshots.snapshot(0), late);
    } catch (CaptureException first) {
      if (n == 1) {
        throw first;
      }
      return finder.find(late.get(0), late);
    }
  }

  static RamSpan ramSpan(CaptureSpec spec, SymbolTable symbols) {
    long start =
        spec.ramStart() != null
            ? spec.ramStart()
            : symbols.require(spec.ramStartSymbol(), "the RAM start; or pass --ram-start-symbol / --ram-start").address();
    long end =
        spec.ramEnd() != null
            ? spec.ramEnd()
            : symbols.require(spec.ramEndSymbol(), "the RAM end; or pass --ram-end-symbol / --ram-end").address();
    return new RamSpan(start, end);
  }

  private static long romBase(CaptureSpec spec, SymbolTable symbols) {
    if (spec.romBase() != null) {
      return spec.romBase();
    }
    return symbols.find("_sfixed").map(Symbol::address).orElse(0L);
  }

  public CaptureSpec spec() {
    return spec;
  }

  public CaptureFiles files() {
    return spec.files();
  }

  public SymbolTable symbols() {
    return symbols;
  }

  /** Which object file each piece of code was linked from, by the firmware's map; none when there is no map. */
  public synchronized FirmwareCode code() {
    if (code == null) {
      Path map = files().map();
      code = map != null && Files.isRegularFile(map) ? MapFileParser.parseAll(map).code() : FirmwareCode.NONE;
    }
    return code;
  }

  public int wordSize() {
    return wordSize.bytes();
  }

  /** The word size with where it came from. */
  public WordSize wordSizeFound() {
    return wordSize;
  }

  /**
   * Sound input that still deserves a word: sources of the word size that disagree, sampled dumps
   * without the heap's area descriptor.
   */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  public RamSpan ram() {
    return ram;
  }

  public SnapshotFile snapshots() {
    return snapshots;
  }

  public Optional<RomImage> rom() {
    return Optional.ofNullable(rom);
  }

  /** The flash contents (type objects, ROM qstrs): firmware.bin, else the ELF's loadable segments. */
  public Optional<Memory> flash() {
    return Optional.ofNullable(flash);
  }

  public HeapLocation heap() {
    return heap;
  }

  public BuiltinTypes types() {
    return types;
  }

  public HeapDecoder decoder() {
    return new HeapDecoder(heap, types);
  }

  /** "last" or a number, checked against the snapshot count. */
  public long snapshotIndex(String text) {
    if (text.equalsIgnoreCase("last")) {
      return snapshots.count() - 1;
    }
    try {
      long index = Long.parseLong(text);
      if (index < 0) {
        index += snapshots.count();
      }
      if (index < 0 || index >= snapshots.count()) {
        throw new CaptureException(
            snapshots.name() + ": no snapshot " + text + " (it holds " + snapshots.count() + ", 0.." + (snapshots.count() - 1) + ")");
      }
      return index;
    } catch (NumberFormatException e) {
      throw new CaptureException("snapshot must be a number or 'last', not '" + text + "'");
    }
  }

  @Override
  public void close() {
    snapshots.close();
  }
}
