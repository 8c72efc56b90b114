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
 * {@code allocations} table. Every area found must lie inside the RAM span, so decoding never reads
 * outside a snapshot.
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
    Optional<HeapLocation> found = explicit();
    if (found.isEmpty()) {
      found = descriptor(snapshot);
    }
    if (found.isEmpty()) {
      found = heapSymbol();
    }
    if (found.isEmpty()) {
      found = supervisorAllocations(snapshot);
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

  private Optional<HeapLocation> explicit() {
    if (search.explicitAreas().isEmpty()) {
      return Optional.empty();
    }
    List<HeapArea> areas = new ArrayList<>();
    for (AddressRange r : search.explicitAreas()) {
      areas.add(formula(r.start(), r.end()));
    }
    return Optional.of(new HeapLocation(areas, HeapLocation.Method.EXPLICIT, search.explicitAreas().size() + " area(s)"));
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

  private Optional<HeapLocation> heapSymbol() {
    Optional<Symbol> heap = symbols.find(search.heapSymbol()).filter(s -> s.size() > 0);
    return heap.map(
        s ->
            new HeapLocation(
                List.of(formula(s.address(), s.end())),
                HeapLocation.Method.HEAP_SYMBOL,
                String.format("%s at 0x%08x, %d bytes", s.name(), s.address(), s.size())));
  }

  /**
   * CircuitPython keeps (address, length) pairs of supervisor allocations; the heap is the last of
   * the leading run of used entries, confirmed by the next used entry starting where it ends.
   */
  private Optional<HeapLocation> supervisorAllocations(Memory snapshot) {
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
        return Optional.of(
            new HeapLocation(
                List.of(formula(potentialStart, potentialStart + potentialLength)),
                HeapLocation.Method.SUPERVISOR_ALLOCATIONS,
                String.format("heap at 0x%08x, %d bytes", potentialStart, potentialLength)));
      } else {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private HeapArea formula(long start, long end) {
    try {
      return HeapGeometry.area(start, end, search.wordSize(), search.finaliser(), search.formula());
    } catch (IllegalArgumentException e) {
      throw new CaptureException(e.getMessage(), e);
    }
  }

  private void requireInRam(HeapArea area) {
    long tablesEnd = area.tablesEnd();
    if (area.atbStart() < ram.start() || tablesEnd > ram.end() || area.poolStart() < ram.start() || area.poolEnd() > ram.end()) {
      throw new CaptureException(
          String.format("heap area (%s) lies outside the RAM span %s of the dumps; check --heap-area and the RAM symbols", area, ram));
    }
  }
}
