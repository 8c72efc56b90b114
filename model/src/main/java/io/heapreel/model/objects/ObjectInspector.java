package io.heapreel.model.objects;

import io.heapreel.model.types.Roles;
import io.heapreel.model.open.Capture;
import io.heapreel.model.error.CaptureException;
import io.heapreel.model.capture.ElfImage;
import io.heapreel.model.capture.Memory;
import io.heapreel.model.capture.Snapshot;
import io.heapreel.model.capture.Symbol;
import io.heapreel.model.capture.SymbolTable;
import io.heapreel.model.capture.RamSpan;
import io.heapreel.model.capture.RomImage;
import io.heapreel.model.heap.Allocation;
import io.heapreel.model.heap.BuiltinTypes;
import io.heapreel.model.heap.HeapDecoder;
import io.heapreel.model.heap.HeapLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The object level of a capture: types and roles, names and previews, references, roots and
 * reachability of a snapshot, following one firmware family's {@link Layout}.
 */
public final class ObjectInspector {
  /** Symbols that end .bss: the C stack lies between one of them and the RAM end. */
  static final List<String> STACK_START_SYMBOLS = List.of("_ebss", "__bss_end__", "_end", "end");

  private final Layout layout;
  private final SymbolTable symbols;
  private final HeapLocation heapLocation;
  private final HeapDecoder decoder;
  private final RamSpan ram;
  private final Memory rom;
  private final ObjectTyper typer;
  private final ObjectDescriber describer;
  private final FloatFormat floats;
  private final long stateAddress;
  private final long stackStart;
  private final int wordSize;

  /** From the parts of a capture; {@code rom} may be null. */
  public ObjectInspector(
      SymbolTable symbols, BuiltinTypes types, HeapLocation heap, RamSpan ram, Memory rom, int wordSize, Layout layout) {
    this.layout = layout;
    this.symbols = symbols;
    this.heapLocation = heap;
    this.decoder = new HeapDecoder(heap, types);
    this.ram = ram;
    this.rom = rom;
    this.wordSize = wordSize;
    this.typer = new ObjectTyper(layout, types, symbols, wordSize);
    this.floats = FloatFormat.find(symbols, rom, wordSize);
    this.describer = new ObjectDescriber(layout, wordSize, floats);
    this.stateAddress = symbols.find(layout.stateSymbol()).map(Symbol::address).orElse(-1L);
    this.stackStart = stackStart(symbols, ram);
  }

  /** ROM contents from firmware.bin, else from the ELF's loadable segments, else none. */
  public ObjectInspector(Capture capture, Layout layout) {
    this(capture.symbols(), capture.types(), capture.heap(), capture.ram(), capture.flash().orElse(null), capture.wordSize(), layout);
  }

  /** ROM contents: firmware.bin at its load address, else the ELF's loadable segments, else none (null). */
  public static Memory rom(Path romFile, long romBase, Path elfFile) {
    if (romFile != null) {
      return RomImage.open(romFile, romBase);
    }
    return elfFile == null ? null : ElfImage.read(elfFile);
  }

  /** With the layout {@code --layout} names (see {@link LayoutChoice#of}), or the detected one when null. */
  public static ObjectInspector of(Capture capture, String layout) {
    return new ObjectInspector(capture, LayoutChoice.of(capture, layout));
  }

  /** With the built-in layout that fits the capture's last snapshot (with the capture's layout.txt when it has one). */
  public static ObjectInspector of(Capture capture) {
    return of(capture, null);
  }

  public Layout layout() {
    return layout;
  }

  /** How float objects hold their value, and what that was found from. */
  public FloatFormat floats() {
    return floats;
  }

  /**
   * The first built-in layout, placed for the capture's word size, whose VM state holds, at its
   * dict_main and loaded-modules offsets, dict objects (their first word is {@code mp_type_dict}):
   * two checks no wrong layout passes by chance. Its object representation is found from the same
   * snapshot ({@link ObjectReprFinder}).
   */
  public static Layout detect(Capture capture, Snapshot snapshot) {
    return detect(capture.symbols(), capture.types(), snapshot, capture.wordSize(), LayoutChoice.candidates(capture, capture.files().layout()));
  }

  public static Layout detect(SymbolTable symbols, BuiltinTypes types, Memory snapshot, int wordSize) {
    return detect(symbols, types, snapshot, wordSize, LayoutFile.builtIns(wordSize));
  }

  /** The first of {@code candidates} that fits; the error says which field of each held what. */
  public static Layout detect(SymbolTable symbols, BuiltinTypes types, Memory snapshot, int wordSize, List<Layout> candidates) {
    long dict = types.addressOf("dict");
    List<String> failed = new ArrayList<>();
    for (Layout layout : candidates) {
      Optional<Symbol> state = symbols.find(layout.stateSymbol());
      if (state.isEmpty()) {
        failed.add(layout.family() + ": no symbol " + layout.stateSymbol());
        continue;
      }
      if (dict == 0) {
        failed.add(layout.family() + ": the symbols have no mp_type_dict");
        continue;
      }
      List<String> wrong = new ArrayList<>();
      for (String field : List.of("state.dict_main", "state.loaded_modules")) {
        long at = state.get().address() + layout.field(field);
        long held = word(snapshot, at, wordSize);
        if (held != dict) {
          wrong.add(String.format("%s+%d (%s) holds %s", layout.stateSymbol(), layout.field(field), field,
              held == -1 ? "nothing (outside RAM)" : String.format("0x%x", held)));
        }
      }
      if (wrong.isEmpty()) {
        return layout.withRepr(ObjectReprFinder.find(symbols, snapshot, layout, wordSize));
      }
      failed.add(layout.family() + ": " + String.join(", ", wrong));
    }
    throw new CaptureException(
        symbols.source()
            + String.format(": no built-in struct layout fits this firmware at %d-byte words (a dict, &mp_type_dict = 0x%x, is expected at each): ", wordSize, dict)
            + String.join("; ", failed)
            + "; pass --layout FILE (a layout.txt of gdb ptype/o output, or a .layout file; see docs/word-size-and-layouts.md)");
  }

  private static long word(Memory m, long address, int wordSize) {
    return m.contains(address, wordSize) ? m.word(address, wordSize) : -1;
  }

  private static long stackStart(SymbolTable symbols, RamSpan ram) {
    for (String name : STACK_START_SYMBOLS) {
      Optional<Symbol> s = symbols.find(name);
      if (s.isPresent() && s.get().address() >= ram.start() && s.get().address() < ram.end()) {
        return s.get().address();
      }
    }
    return ram.end();
  }

  /** Types and the reference graph: the per-snapshot core, without names and previews. */
  public record Analysis(HeapIndex heap, TargetMemory memory, QstrTable qstrs, ObjectTypes types, ReferenceGraph graph) {}

  public Analysis analyze(Snapshot snapshot) {
    List<Allocation> allocations = decoder.allocations(snapshot);
    HeapIndex heap = new HeapIndex(heapLocation, allocations);
    TargetMemory memory = new TargetMemory(snapshot, rom);
    long lastPool = stateAddress < 0 ? 0 : memory.wordOr(stateAddress + layout.field("state.last_pool"), wordSize, 0);
    QstrTable qstrs = QstrTable.read(memory, wordSize, layout, lastPool);
    ObjectTypes types = typer.type(heap, memory, stateAddress, qstrs);
    ReferenceGraph graph = ReferenceGraph.build(heap, snapshot, ram.start(), ram.end(), wordSize);
    return new Analysis(heap, memory, qstrs, types, graph);
  }

  /** Types and roles only, without the reference graph: what typing allocations over time needs. */
  public record Typing(HeapIndex heap, ObjectTypes types) {
    /** The type of the allocation whose head is at {@code address}: a type name or {@code raw:ROLE}; null when none is there. */
    public String typeAt(long address) {
      int i = heap.headAt(address);
      if (i < 0) {
        return null;
      }
      return Roles.typeName(types.type(i), types.role(i));
    }
  }

  public Typing types(Snapshot snapshot) {
    HeapIndex heap = new HeapIndex(heapLocation, decoder.allocations(snapshot));
    TargetMemory memory = new TargetMemory(snapshot, rom);
    long lastPool = stateAddress < 0 ? 0 : memory.wordOr(stateAddress + layout.field("state.last_pool"), wordSize, 0);
    QstrTable qstrs = QstrTable.read(memory, wordSize, layout, lastPool);
    return new Typing(heap, typer.type(heap, memory, stateAddress, qstrs));
  }

  public ObjectSnapshot inspect(Snapshot snapshot) {
    Analysis a = analyze(snapshot);
    Retention retention = Retention.of(a.heap(), a.graph());
    List<HeapObject> objects = new ArrayList<>(a.heap().size());
    int flagged = 0;
    for (int i = 0; i < a.heap().size(); i++) {
      Allocation al = a.heap().get(i);
      Description d = describer.describe(a.heap(), a.memory(), a.types(), a.qstrs(), i);
      flagged += d.flagged() ? 1 : 0;
      List<HeapObject.Reference> refs = new ArrayList<>();
      for (int k = a.graph().refsFrom(i); k < a.graph().refsFrom(i + 1); k++) {
        refs.add(new HeapObject.Reference(a.graph().refOffset(k), a.heap().get(a.graph().refTarget(k)).address()));
      }
      int by = a.types().owner(i);
      long owner = by >= 0 ? a.heap().get(by).address() : by == ObjectTypes.STATE ? 0 : -1;
      objects.add(new HeapObject(al.address(), heapLocation.heapBlock(al.area(), al.block()), al.blocks(), a.types().type(i), a.types().role(i),
          d.name(), d.preview(), d.keys(), a.graph().reachable(i), d.flagged(), owner, refs,
          dominatorAddress(a.heap(), retention.dominator(i)), retention.retainedBlocks(i)));
    }
    List<Root> roots = new ArrayList<>(a.graph().roots());
    for (int r = 0; r < a.graph().roots(); r++) {
      long at = a.graph().rootAddress(r);
      int t = a.graph().rootTarget(r);
      roots.add(new Root(rootName(at), at, a.heap().get(t).address(), t));
    }
    return new ObjectSnapshot(snapshot.index(), layout.family(), layout.stateSymbol(), objects, roots, flagged, a.qstrs().corrupt());
  }

  private static long dominatorAddress(HeapIndex heap, int dominator) {
    return switch (dominator) {
      case Retention.ROOTS -> HeapObject.BY_ROOTS;
      case Retention.GARBAGE -> HeapObject.GARBAGE;
      default -> heap.get(dominator).address();
    };
  }

  private String rootName(long address) {
    Optional<String> named = symbols.describe(address);
    if (named.isPresent()) {
      return named.get();
    }
    if (address >= stackStart) {
      return "stack+" + (address - stackStart);
    }
    return "ram+" + (address - ram.start());
  }
}
