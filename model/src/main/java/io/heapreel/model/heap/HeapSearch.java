package io.heapreel.model.heap;

import java.io.Serializable;
import java.util.List;

/**
 * How to find the heap: explicit areas win; otherwise the collector's own area descriptor in RAM,
 * then the {@code heap} symbol, then CircuitPython's supervisor allocations.
 *
 * @param finaliser whether areas computed by formula have a finaliser table
 */
public record HeapSearch(
    List<AddressRange> explicitAreas,
    int wordSize,
    boolean finaliser,
    HeapGeometry.Formula formula,
    String heapSymbol)
    implements Serializable {
  public HeapSearch {
    explicitAreas = List.copyOf(explicitAreas);
  }

  public static HeapSearch defaults(int wordSize) {
    return new HeapSearch(List.of(), wordSize, true, HeapGeometry.Formula.MICROPYTHON, "heap");
  }

  public HeapSearch withAreas(List<AddressRange> areas) {
    return new HeapSearch(areas, wordSize, finaliser, formula, heapSymbol);
  }
}
