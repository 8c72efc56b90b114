package io.heapreel.model.heap;

import java.io.Serializable;

/**
 * One heap area as the collector lays it out: the allocation table (2 bits a block), the optional
 * finaliser table and weakref table (1 bit a block each), and the pool of blocks.
 *
 * @param ftbStart address of the finaliser table, or 0 when the firmware has no finalisers
 * @param poolEnd exclusive
 * @param bytesPerBlock MICROPY_BYTES_PER_GC_BLOCK: a power of two, 4 words unless the firmware says otherwise
 * @param wtbStart address of the weakref table (MICROPY_PY_WEAKREF), or 0 when the firmware has none
 */
public record HeapArea(
    long atbStart, int atbBytes, long ftbStart, long poolStart, long poolEnd, int wordSize, int bytesPerBlock, long wtbStart)
    implements Serializable {
  public static final int BLOCKS_PER_ATB = 4;
  public static final int BLOCKS_PER_FTB = 8;
  /** MicroPython's default block size, in machine words. */
  public static final int WORDS_PER_BLOCK = 4;

  public HeapArea {
    if (wordSize != 4 && wordSize != 8) {
      throw new IllegalArgumentException("word size must be 4 or 8, not " + wordSize);
    }
    if (bytesPerBlock < wordSize || Integer.bitCount(bytesPerBlock) != 1) {
      throw new IllegalArgumentException("block size must be a power of two of at least one word, not " + bytesPerBlock);
    }
    if (atbBytes <= 0 || poolEnd <= poolStart) {
      throw new IllegalArgumentException("empty heap area");
    }
  }

  /** An area of the default block size (4 words) without a weakref table. */
  public HeapArea(long atbStart, int atbBytes, long ftbStart, long poolStart, long poolEnd, int wordSize) {
    this(atbStart, atbBytes, ftbStart, poolStart, poolEnd, wordSize, WORDS_PER_BLOCK * wordSize, 0);
  }

  public boolean hasFinaliser() {
    return ftbStart != 0;
  }

  public boolean hasWeakrefTable() {
    return wtbStart != 0;
  }

  /** Blocks in the pool; the allocation table covers exactly these. */
  public int blocks() {
    return (int) Math.min((long) atbBytes * BLOCKS_PER_ATB, (poolEnd - poolStart) / bytesPerBlock());
  }

  public int ftbBytes() {
    return hasFinaliser() ? bitTableBytes() : 0;
  }

  public int wtbBytes() {
    return hasWeakrefTable() ? bitTableBytes() : 0;
  }

  /** The end of the tables in front of the pool (exclusive). */
  public long tablesEnd() {
    return Math.max(atbStart + atbBytes, Math.max(ftbStart + ftbBytes(), wtbStart + wtbBytes()));
  }

  /** A table of one bit a block (finaliser, weakref). */
  private int bitTableBytes() {
    return (atbBytes * BLOCKS_PER_ATB + BLOCKS_PER_FTB - 1) / BLOCKS_PER_FTB;
  }

  public long blockAddress(int block) {
    return poolStart + (long) block * bytesPerBlock();
  }

  public boolean inPool(long address) {
    return address >= poolStart && address < poolEnd;
  }

  /** The block an in-pool address falls in. */
  public int blockOf(long address) {
    return (int) ((address - poolStart) / bytesPerBlock());
  }

  @Override
  public String toString() {
    return String.format(
        "alloc table 0x%08x (%d bytes), finaliser table %s%s, pool 0x%08x..0x%08x (%d blocks of %d bytes)",
        atbStart,
        atbBytes,
        hasFinaliser() ? String.format("0x%08x (%d bytes)", ftbStart, ftbBytes()) : "none",
        hasWeakrefTable() ? String.format(", weakref table 0x%08x (%d bytes)", wtbStart, wtbBytes()) : "",
        poolStart,
        poolEnd,
        blocks(),
        bytesPerBlock());
  }
}
