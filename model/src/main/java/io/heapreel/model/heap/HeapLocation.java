package io.heapreel.model.heap;

import java.io.Serializable;

import java.util.List;

/**
 * The heap areas of a capture and how they were found.
 *
 * @param detail where exactly, for the run summary ({@code descriptor at 0x20000190
 *     (mp_state_ctx+384)})
 * @param anchor the collector's area descriptor as snapshot 0 holds it, which every dump must
 *     hold too; null when none was found
 */
public record HeapLocation(List<HeapArea> areas, Method method, String detail, Anchor anchor) implements Serializable {
  /** Words that never change after start-up, at a fixed address. */
  public record Anchor(long address, List<Long> words, int wordSize) implements Serializable {
    public Anchor {
      words = List.copyOf(words);
    }

    /** Whether {@code m} holds these words at this address. */
    public boolean heldBy(io.heapreel.model.capture.Memory m) {
      if (!m.contains(address, words.size() * wordSize)) {
        return false;
      }
      for (int i = 0; i < words.size(); i++) {
        if (m.word(address + (long) i * wordSize, wordSize) != words.get(i)) {
          return false;
        }
      }
      return true;
    }
  }

  public HeapLocation(List<HeapArea> areas, Method method, String detail) {
    this(areas, method, detail, null);
  }

  public HeapLocation withAnchor(Anchor a) {
    return new HeapLocation(areas, method, detail, a);
  }

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
