package io.heapreel.model.heap;

import java.io.Serializable;
import java.util.List;

/**
 * How to find the heap: explicit areas win; otherwise the collector's own area descriptor in RAM,
 * then the {@code heap} symbol, then CircuitPython's supervisor allocations.
 *
 * @param finaliser false when areas computed by formula have no finaliser table; true lets the data tell
 * @param bytesPerBlock the block size of areas computed by formula, or 0 to find it from the data
 */
public record HeapSearch(
    List<AddressRange> explicitAreas,
    int wordSize,
    boolean finaliser,
    HeapGeometry.Formula formula,
    String heapSymbol,
    int bytesPerBlock)
    implements Serializable {
  public HeapSearch {
    explicitAreas = List.copyOf(explicitAreas);
  }

  public static HeapSearch defaults(int wordSize) {
    return new HeapSearch(List.of(), wordSize, true, HeapGeometry.Formula.MICROPYTHON, "heap", 0);
  }

  public HeapSearch withAreas(List<AddressRange> areas) {
    return new HeapSearch(areas, wordSize, finaliser, formula, heapSymbol, bytesPerBlock);
  }

  public HeapSearch withBytesPerBlock(int bytes) {
    return new HeapSearch(explicitAreas, wordSize, finaliser, formula, heapSymbol, bytes);
  }

  /** How areas given only as ranges are laid out. */
  GeometryChoice geometry() {
    return new GeometryChoice(wordSize, formula, finaliser, bytesPerBlock);
  }
}
