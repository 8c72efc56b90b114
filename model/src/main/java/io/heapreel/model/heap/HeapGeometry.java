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

  public static HeapArea area(long start, long end, int wordSize, boolean finaliser, Formula formula) {
    int bytesPerBlock = HeapArea.WORDS_PER_BLOCK * wordSize;
    long alignedEnd = end & ~(long) (bytesPerBlock - 1);
    long total = alignedEnd - start;
    int gap = formula == Formula.MICROPYTHON ? 1 : 0;
    long atb =
        finaliser
            ? (total - gap) * 8 / (8 + 8 * HeapArea.BLOCKS_PER_ATB / HeapArea.BLOCKS_PER_FTB + 8 * HeapArea.BLOCKS_PER_ATB * bytesPerBlock)
            : (total - gap) / (1 + 8 / 2 * bytesPerBlock);
    if (atb <= 0) {
      throw new IllegalArgumentException(
          String.format("heap region 0x%x..0x%x is too small for one allocation table byte", start, end));
    }
    long ftb = finaliser ? start + atb + gap : 0;
    long poolStart = alignedEnd - atb * HeapArea.BLOCKS_PER_ATB * bytesPerBlock;
    return new HeapArea(start, (int) atb, ftb, poolStart, alignedEnd, wordSize);
  }

  /**
   * Whether five descriptor words (alloc table start and length, finaliser table start, pool start
   * and end) describe a heap the collector could have set up. {@code ftbStart} 0 means no
   * finaliser table.
   */
  public static boolean consistent(
      long atbStart, long atbBytes, long ftbStart, long poolStart, long poolEnd, int wordSize) {
    int bytesPerBlock = HeapArea.WORDS_PER_BLOCK * wordSize;
    if (atbBytes <= 0 || atbBytes > (1L << 28) || atbStart <= 0 || poolEnd <= poolStart) {
      return false;
    }
    if (poolEnd - poolStart != atbBytes * HeapArea.BLOCKS_PER_ATB * bytesPerBlock) {
      return false;
    }
    long tablesEnd = atbStart + atbBytes;
    if (ftbStart != 0) {
      if (ftbStart != tablesEnd && ftbStart != tablesEnd + 1) {
        return false;
      }
      tablesEnd = ftbStart + (atbBytes * HeapArea.BLOCKS_PER_ATB + HeapArea.BLOCKS_PER_FTB - 1) / HeapArea.BLOCKS_PER_FTB;
    }
    // the pool follows the tables; the formula's rounding leaves less than one table byte's share
    // (its 4 blocks, plus the gap byte and the finaliser bits) unused between them
    return poolStart >= tablesEnd
        && poolStart - tablesEnd < (HeapArea.BLOCKS_PER_ATB + 1L) * bytesPerBlock + 2;
  }
}
