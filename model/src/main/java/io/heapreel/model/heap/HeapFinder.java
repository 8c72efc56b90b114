package io.heapreel.model.heap;

import io.heapreel.model.error.CaptureException;
import io.heapreel.model.capture.Memory;
import io.heapreel.model.capture.RamSpan;
import io.heapreel.model.capture.Symbol;
import io.heapreel.model.capture.SymbolTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the heap areas of a capture, in order of trust: areas the user gave, the collector's area
 * descriptor in RAM, the {@code heap} symbol with the geometry formula, CircuitPython's supervisor
 * {@code allocations} table. Areas the user gave are laid out as the descriptor says when it is in
 * the dumps, and must be the areas it describes; areas known only as ranges are laid out by the
 * formula at the block size and tables the snapshot's pointers agree with ({@link GeometryChoice}).
 * Every area found must lie inside the RAM span, so decoding never reads outside a snapshot.
 */
public final class HeapFinder {
  private final SymbolTable symbols;
  private final RamSpan ram;
  private final HeapSearch search;

  public HeapFinder(SymbolTable symbols, RamSpan ram, HeapSearch search) {
    this.symbols = symbols;
    this.ram = ram;
    this.search = search;
  }

  /** Looks in {@code snapshot}, which should be one taken after the heap was set up. */
  public HeapLocation find(Memory snapshot) {
    return find(snapshot, List.of(snapshot));
  }

  /**
   * Looks for the descriptor in {@code early} (a snapshot taken after the heap was set up, before
   * anything could overwrite it) and lays out areas known only as ranges by the pointers of the
   * first of {@code late} (snapshots with many objects alive, the last first) that settles it.
   */
  public HeapLocation find(Memory early, List<? extends Memory> late) {
    Optional<HeapLocation> described = descriptor(early);
    Optional<HeapLocation> found = explicit(described, late);
    if (found.isEmpty()) {
      found = described;
    }
    if (found.isEmpty()) {
      found = heapSymbol(late);
    }
    if (found.isEmpty()) {
      found = supervisorAllocations(late);
    }
    HeapLocation location =
        found.orElseThrow(
            () ->
                new CaptureException(
                    "no heap found: no area descriptor in RAM "
                        + ram
                        + ", no '"
                        + search.heapSymbol()
                        + "' or 'allocations' symbol in "
                        + symbols.source()
                        + "; give the heap with --heap-area START,END"));
    for (HeapArea area : location.areas()) {
      requireInRam(area);
    }
    return location;
  }

  private Optional<HeapLocation> explicit(Optional<HeapLocation> described, List<? extends Memory> late) {
    List<AddressRange> given = search.explicitAreas();
    if (given.isEmpty()) {
      return Optional.empty();
    }
    String count = given.size() + " area(s)";
    if (described.isEmpty()) {
      GeometryChoice.Choice choice = layOut(given, late, "--heap-area");
      return Optional.of(new HeapLocation(choice.areas(), HeapLocation.Method.EXPLICIT, count + ", " + choice.reason()));
    }
    List<HeapArea> areas = new ArrayList<>();
    for (AddressRange r : given) {
      areas.add(
          described.get().areas().stream()
              .filter(d -> lays(r, d))
              .findFirst()
              .orElseThrow(() -> new CaptureException(String.format(
                  "--heap-area 0x%x,0x%x is not an area the collector set up: its %s describes %s;"
                      + " give those areas, or leave --heap-area out",
                  r.start(), r.end(), described.get().detail(), described.get().areas()))));
    }
    return Optional.of(new HeapLocation(areas, HeapLocation.Method.EXPLICIT, count + ", laid out by the collector's " + described.get().detail()));
  }

  /**
   * Whether the descriptor's area {@code d} is the one gc_init or gc_add set up in {@code r}: its
   * tables start at the range's start (gc_add puts the descriptor itself first), and its pool ends
   * where the range ends, aligned down to a block.
   */
  private static boolean lays(AddressRange r, HeapArea d) {
    long maxDescriptor = 32L * d.wordSize();
    return d.atbStart() >= r.start() && d.atbStart() - r.start() <= maxDescriptor
        && d.poolEnd() <= r.end() && r.end() - d.poolEnd() < d.bytesPerBlock();
  }

  private Optional<HeapLocation> descriptor(Memory snapshot) {
    List<AreaDescriptorScan.Found> found = AreaDescriptorScan.scan(snapshot, ram, search.wordSize());
    if (found.isEmpty()) {
      return Optional.empty();
    }
    List<HeapArea> areas = new ArrayList<>();
    List<String> where = new ArrayList<>();
    for (AreaDescriptorScan.Found f : found) {
      areas.add(f.area());
      where.add(String.format("0x%08x", f.address()) + symbols.describe(f.address()).map(s -> " (" + s + ")").orElse(""));
    }
    areas.sort((x, y) -> Long.compare(x.poolStart(), y.poolStart()));
    return Optional.of(new HeapLocation(areas, HeapLocation.Method.AREA_DESCRIPTOR, "descriptor at " + String.join(", ", where)));
  }

  private Optional<HeapLocation> heapSymbol(List<? extends Memory> late) {
    Optional<Symbol> heap = symbols.find(search.heapSymbol()).filter(s -> s.size() > 0);
    return heap.map(
        s -> {
          String what = String.format("%s at 0x%08x, %d bytes", s.name(), s.address(), s.size());
          GeometryChoice.Choice choice = layOut(List.of(new AddressRange(s.address(), s.end())), late, "the heap symbol " + what);
          return new HeapLocation(choice.areas(), HeapLocation.Method.HEAP_SYMBOL, what + "; " + choice.reason());
        });
  }

  /**
   * CircuitPython keeps (address, length) pairs of supervisor allocations; the heap is the last of
   * the leading run of used entries, confirmed by the next used entry starting where it ends.
   */
  private Optional<HeapLocation> supervisorAllocations(List<? extends Memory> late) {
    Memory snapshot = late.get(0);
    Optional<Symbol> table = symbols.find("allocations").filter(s -> s.size() > 0);
    if (table.isEmpty() || !snapshot.contains(table.get().address(), (int) table.get().size())) {
      return Optional.empty();
    }
    int ws = search.wordSize();
    long entries = table.get().size() / (2L * ws);
    long potentialStart = 0;
    long potentialLength = 0;
    boolean leadingRun = true;
    for (long i = 0; i < entries; i++) {
      long entry = table.get().address() + i * 2 * ws;
      long address = snapshot.word(entry, ws);
      long length = snapshot.word(entry + ws, ws);
      if (address == 0) {
        leadingRun = false;
      } else if (leadingRun) {
        potentialStart = address;
        potentialLength = length;
      } else if (potentialLength > 0 && address == potentialStart + potentialLength) {
        String what = String.format("heap at 0x%08x, %d bytes", potentialStart, potentialLength);
        GeometryChoice.Choice choice = layOut(
            List.of(new AddressRange(potentialStart, potentialStart + potentialLength)), late, "the supervisor's " + what);
        return Optional.of(new HeapLocation(choice.areas(), HeapLocation.Method.SUPERVISOR_ALLOCATIONS, what + "; " + choice.reason()));
      } else {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * The layout the first of {@code late} settles; a snapshot taken while the compiler's parse
   * chunks hold most pointers, or with few objects alive, may not, and the next is asked.
   */
  private GeometryChoice.Choice layOut(List<AddressRange> ranges, List<? extends Memory> late, String what) {
    GeometryChoice.Unsettled first = null;
    for (Memory snapshot : late) {
      try {
        return search.geometry().choose(ranges, snapshot, ram, what);
      } catch (GeometryChoice.Unsettled e) {
        first = first == null ? e : first;
      }
    }
    throw first;
  }

  private void requireInRam(HeapArea area) {
    long tablesEnd = area.tablesEnd();
    if (area.atbStart() < ram.start() || tablesEnd > ram.end() || area.poolStart() < ram.start() || area.poolEnd() > ram.end()) {
      throw new CaptureException(
          String.format("heap area (%s) lies outside the RAM span %s of the dumps; check --heap-area and the RAM symbols", area, ram));
    }
  }
}
