package io.heapreel.model.heap;

import java.io.Serializable;

import java.util.List;

/**
 * The heap areas of a capture and how they were found, ordered by pool start.
 *
 * <p><b>Heap blocks.</b> One block numbering covers every area: a heap block is counted in blocks
 * from the first area's pool start, so {@code first pool start + heap block * bytes per block} is
 * its address in whichever area it lies. This is the numbering the capture hook logs (GC_LOG_BLOCK
 * in the firmware patch, which counts from the collector's first area), so the log's start blocks,
 * the {@code start_block} and {@code block} columns of the tables and the block numbers of
 * lifespans are heap blocks. With one area a heap block is the area's own block number; with a
 * split heap the blocks between two pools (the next area's tables) belong to no area. The first
 * area is the lowest, except in a heap that grows ({@link AreaLinks}), where the system heap may
 * place an added area below the one {@code gc_init} made: that area's heap blocks are negative
 * ({@link #lowestHeapBlock}), as the log's are.
 *
 * @param detail where exactly, for the run summary ({@code descriptor at 0x20000190
 *     (mp_state_ctx+384)})
 * @param anchor the collector's area descriptor as snapshot 0 holds it, which every dump must
 *     hold too; null when none was found
 * @param links the areas' links as snapshot 0 holds them, for a firmware that adds areas as it runs;
 *     null for any other
 * @param lastUsed where the areas' descriptors keep their highest allocated block, which no block
 *     in use lies past; null when they do not
 * @param rootMaps the VM state's own dicts, whose tables in the heap must hold as many keys as their
 *     maps count; null but for a split heap
 */
public record HeapLocation(
    List<HeapArea> areas, Method method, String detail, Anchor anchor, AreaLinks links, LastUsedBlocks lastUsed, RootMaps rootMaps)
    implements Serializable {
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
    this(areas, method, detail, null, null);
  }

  public HeapLocation(List<HeapArea> areas, Method method, String detail, Anchor anchor, AreaLinks links) {
    this(areas, method, detail, anchor, links, null);
  }

  public HeapLocation(List<HeapArea> areas, Method method, String detail, Anchor anchor, AreaLinks links, LastUsedBlocks lastUsed) {
    this(areas, method, detail, anchor, links, lastUsed, null);
  }

  /** Areas given as they are ({@link Method#EXPLICIT}): for tests and hand-built heaps. */
  public static HeapLocation of(HeapArea... areas) {
    return new HeapLocation(List.of(areas), Method.EXPLICIT, "");
  }

  public HeapLocation withAnchor(Anchor a) {
    return new HeapLocation(areas, method, detail, a, links, lastUsed, rootMaps);
  }

  public HeapLocation withLinks(AreaLinks l) {
    return new HeapLocation(areas, method, detail, anchor, l, lastUsed, rootMaps);
  }

  public HeapLocation withLastUsed(LastUsedBlocks u) {
    return new HeapLocation(areas, method, detail, anchor, links, u, rootMaps);
  }

  public HeapLocation withRootMaps(RootMaps r) {
    return new HeapLocation(areas, method, detail, anchor, links, lastUsed, r);
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
    if (areas.isEmpty()) {
      throw new IllegalArgumentException("a heap location needs at least one area");
    }
    List<HeapArea> sorted = new java.util.ArrayList<>(areas);
    sorted.sort(BY_POOL);
    areas = List.copyOf(sorted);
    for (HeapArea a : areas) {
      if (a.wordSize() != areas.get(0).wordSize()) {
        throw new IllegalArgumentException("heap areas of different word sizes: " + areas);
      }
      if (a.bytesPerBlock() != areas.get(0).bytesPerBlock()) {
        throw new IllegalArgumentException("heap areas of different block sizes: " + areas);
      }
    }
  }

  /**
   * The areas' order: by pool start, then pool end (a heap that grows may have two areas of other
   * geometry in the same memory at other times, {@link GrowingHeap}).
   */
  public static final java.util.Comparator<HeapArea> BY_POOL =
      java.util.Comparator.comparingLong(HeapArea::poolStart).thenComparingLong(HeapArea::poolEnd);

  public int totalBlocks() {
    return areas.stream().mapToInt(HeapArea::blocks).sum();
  }

  /** The block size, the same in every area. */
  public int bytesPerBlock() {
    return areas.get(0).bytesPerBlock();
  }

  public int wordSize() {
    return areas.get(0).wordSize();
  }

  /**
   * Heap blocks from the first pool start to the end of the area that ends last: the length of an
   * array indexed by heap block, from {@link #lowestHeapBlock} on when that is below 0.
   */
  public int heapBlocks() {
    int end = 0;
    for (int a = 0; a < areas.size(); a++) {
      end = Math.max(end, heapBlock(a, areas.get(a).blocks()));
    }
    return end;
  }

  /** The heap block of the lowest area's first block: 0, or below 0 when an area lies below the first area's pool. */
  public int lowestHeapBlock() {
    return heapBlock(0, 0);
  }

  /**
   * The pool start heap blocks count from: the first area's, which is the collector's own ({@code
   * gc_init}'s, where the log counts from), the lowest one but in a heap that grows.
   */
  public long firstPoolStart() {
    return links == null ? areas.get(0).poolStart() : links.firstArea().poolStart();
  }

  /** The heap block of {@code block} of area {@code area}. */
  public int heapBlock(int area, int block) {
    return (int) Math.floorDiv(areas.get(area).poolStart() - firstPoolStart(), (long) bytesPerBlock()) + block;
  }

  /** The heap block an in-pool address falls in. */
  public int blockOf(long address) {
    return (int) Math.floorDiv(address - firstPoolStart(), (long) bytesPerBlock());
  }

  /** The address of a heap block. */
  public long blockAddress(int heapBlock) {
    return firstPoolStart() + (long) heapBlock * bytesPerBlock();
  }

  /** The index of the area a heap block lies in, or -1 when it lies in none (between pools, past the end). */
  public int areaOf(int heapBlock) {
    return areaOf(heapBlock, -1L);
  }

  /**
   * The index of the area of {@code present} (one bit per area, {@link #present}) a heap block lies
   * in, or -1. A heap that grows may hold the same memory as two areas of other geometry at other
   * times: the snapshot's own areas say which one a block is in.
   */
  public int areaOf(int heapBlock, long present) {
    long address = blockAddress(heapBlock);
    for (int a = 0; a < areas.size(); a++) {
      HeapArea area = areas.get(a);
      if ((present & (1L << a)) != 0 && area.inPool(address) && area.blockOf(address) < area.blocks()) {
        return a;
      }
    }
    return -1;
  }

  /**
   * The areas {@code snapshot} has, one bit per area: every area, unless the heap grows ({@link
   * AreaLinks}), when they are those the collector's list holds in it.
   */
  public long present(io.heapreel.model.capture.Memory snapshot) {
    return links == null ? -1L : links.present(snapshot).areas();
  }

  /** Whether the address lies in one of the pools. */
  public boolean inPool(long address) {
    for (HeapArea area : areas) {
      if (area.inPool(address)) {
        return true;
      }
    }
    return false;
  }

  public String describe() {
    return method.description() + (detail.isEmpty() ? "" : ": " + detail);
  }
}
