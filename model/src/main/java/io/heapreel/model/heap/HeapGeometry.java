package io.heapreel.model.heap;

/**
 * Where the collector puts its tables inside a heap region {@code [start, end)}, by the formula of
 * {@code gc_init}/{@code gc_setup_area}. Firmware versions differ by one byte: v1.2x reserves a
 * zero gap byte after the allocation table so that chains always terminate; the older layout
 * (CircuitPython of the seed analyzer) has none.
 */
public final class HeapGeometry {
  public enum Formula {
    /** MicroPython v1.2x: computed from {@code total - 1}, gap byte before the finaliser table. */
    MICROPYTHON,
    /** Older MicroPython / CircuitPython: no gap byte. */
    LEGACY
  }

  private HeapGeometry() {}

  /** An area of the default block size (4 words) with no weakref table. */
  public static HeapArea area(long start, long end, int wordSize, boolean finaliser, Formula formula) {
    HeapArea a = areaOrNull(start, end, wordSize, HeapArea.WORDS_PER_BLOCK * wordSize, finaliser, false, formula);
    if (a == null) {
      throw new IllegalArgumentException(
          String.format("heap region 0x%x..0x%x is too small for one allocation table byte", start, end));
    }
    return a;
  }

  /**
   * The area {@code gc_init} sets up in {@code [start, end)} for a block size and the one-bit tables
   * the build has (each 1 bit a block, in the order finaliser, weakref), or null when the region is
   * too small for one allocation table byte.
   */
  public static HeapArea areaOrNull(
      long start, long end, int wordSize, int bytesPerBlock, boolean finaliser, boolean weakref, Formula formula) {
    long alignedEnd = end & -(long) bytesPerBlock;
    long total = alignedEnd - start;
    int gap = formula == Formula.MICROPYTHON ? 1 : 0;
    int bitTables = (finaliser ? 1 : 0) + (weakref ? 1 : 0);
    // gc_setup_area's two forms: in bits with one-bit tables, in bytes without
    long atb = bitTables == 0
        ? (total - gap) / (1 + (long) HeapArea.BLOCKS_PER_ATB * bytesPerBlock)
        : (total - gap) * 8 / (8 + bitTables * 8 * HeapArea.BLOCKS_PER_ATB / HeapArea.BLOCKS_PER_FTB + 8L * HeapArea.BLOCKS_PER_ATB * bytesPerBlock);
    if (atb <= 0 || atb > Integer.MAX_VALUE) {
      return null;
    }
    long next = start + atb + gap;
    long bitTableBytes = (atb * HeapArea.BLOCKS_PER_ATB + HeapArea.BLOCKS_PER_FTB - 1) / HeapArea.BLOCKS_PER_FTB;
    long ftb = finaliser ? next : 0;
    long wtb = weakref ? next + (finaliser ? bitTableBytes : 0) : 0;
    long poolStart = alignedEnd - atb * HeapArea.BLOCKS_PER_ATB * bytesPerBlock;
    if (poolStart < next + (finaliser ? bitTableBytes : 0) + (weakref ? bitTableBytes : 0)) {
      return null;
    }
    return new HeapArea(start, (int) atb, ftb, poolStart, alignedEnd, wordSize, bytesPerBlock, wtb);
  }

  /** The largest block size a descriptor may describe, in words (MicroPython's default is 4). */
  static final int MAX_WORDS_PER_BLOCK = 64;

  /**
   * The block size ({@code MICROPY_BYTES_PER_GC_BLOCK}) of the heap area that descriptor words
   * describe (alloc table start and length, the one-bit tables' starts in the order the descriptor
   * holds them: none, the finaliser or the weakref table, or both; pool start and end), or 0 when
   * they describe no heap the collector could have set up. The pool holds 4 blocks per alloc table
   * byte, so its length gives the block size, which must be a power of two that both pool ends are
   * aligned to ({@code gc_init} aligns the end, the pool is counted back from it).
   */
  public static int blockSize(long atbStart, long atbBytes, long[] tables, long poolStart, long poolEnd, int wordSize) {
    if (atbBytes <= 0 || atbBytes > (1L << 28) || atbStart <= 0 || poolEnd <= poolStart) {
      return 0;
    }
    long blocks = atbBytes * HeapArea.BLOCKS_PER_ATB;
    long pool = poolEnd - poolStart;
    if (pool % blocks != 0) {
      return 0;
    }
    long bytesPerBlock = pool / blocks;
    if (bytesPerBlock < wordSize || bytesPerBlock > (long) MAX_WORDS_PER_BLOCK * wordSize || Long.bitCount(bytesPerBlock) != 1
        || poolStart % bytesPerBlock != 0) {
      return 0;
    }
    long tablesEnd = atbStart + atbBytes;
    long bitTableBytes = (blocks + HeapArea.BLOCKS_PER_FTB - 1) / HeapArea.BLOCKS_PER_FTB;
    for (int i = 0; i < tables.length; i++) {
      // v1.2x leaves a gap byte after the alloc table; the older layout has none
      boolean placed = tables[i] == tablesEnd || (i == 0 && tables[i] == tablesEnd + 1);
      if (!placed) {
        return 0;
      }
      tablesEnd = tables[i] + bitTableBytes;
    }
    // the pool follows the tables; the formula's rounding leaves less than one table byte's share
    // (its 4 blocks, plus the gap byte and the one-bit tables' bits) unused between them
    boolean follows = poolStart >= tablesEnd && poolStart - tablesEnd < (HeapArea.BLOCKS_PER_ATB + 1L) * bytesPerBlock + 3;
    return follows ? (int) bytesPerBlock : 0;
  }
}
