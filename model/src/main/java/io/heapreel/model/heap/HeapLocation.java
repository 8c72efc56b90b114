package io.heapreel.model.heap;

import java.io.Serializable;

import java.util.List;

/**
 * The heap areas of a capture and how they were found.
 *
 * @param detail where exactly, for the run summary ({@code descriptor at 0x20000190
 *     (mp_state_ctx+384)})
 */
public record HeapLocation(List<HeapArea> areas, Method method, String detail) implements Serializable {
  public enum Method {
    EXPLICIT("given with --heap-area"),
    AREA_DESCRIPTOR("the collector's area descriptor found in RAM"),
    HEAP_SYMBOL("the heap symbol and the gc_init geometry formula"),
    SUPERVISOR_ALLOCATIONS("CircuitPython's supervisor allocations table");

    private final String description;

    Method(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  public HeapLocation {
    areas = List.copyOf(areas);
    if (areas.isEmpty()) {
      throw new IllegalArgumentException("a heap location needs at least one area");
    }
  }

  public int totalBlocks() {
    return areas.stream().mapToInt(HeapArea::blocks).sum();
  }

  public int bytesPerBlock() {
    return areas.get(0).bytesPerBlock();
  }

  public int wordSize() {
    return areas.get(0).wordSize();
  }

  public String describe() {
    return method.description() + (detail.isEmpty() ? "" : ": " + detail);
  }
}
