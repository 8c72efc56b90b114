package io.heapreel.model.heap;

import java.io.Serializable;

/**
 * One heap area as the collector lays it out: the allocation table (2 bits a block), the optional
 * finaliser table (1 bit a block), and the pool of blocks of 4 machine words.
 *
 * @param ftbStart address of the finaliser table, or 0 when the firmware has no finalisers
 * @param poolEnd exclusive
 */
public record HeapArea(
    long atbStart, int atbBytes, long ftbStart, long poolStart, long poolEnd, int wordSize) implements Serializable {
  public static final int BLOCKS_PER_ATB = 4;
  public static final int BLOCKS_PER_FTB = 8;
  public static final int WORDS_PER_BLOCK = 4;

  public HeapArea {
    if (wordSize != 4 && wordSize != 8) {
      throw new IllegalArgumentException("word size must be 4 or 8, not " + wordSize);
    }
    if (atbBytes <= 0 || poolEnd <= poolStart) {
      throw new IllegalArgumentException("empty heap area");
    }
  }

  public boolean hasFinaliser() {
    return ftbStart != 0;
  }

  public int bytesPerBlock() {
    return WORDS_PER_BLOCK * wordSize;
  }

  /** Blocks in the pool; the allocation table covers exactly these. */
  public int blocks() {
    return (int) Math.min((long) atbBytes * BLOCKS_PER_ATB, (poolEnd - poolStart) / bytesPerBlock());
  }

  public int ftbBytes() {
    return hasFinaliser() ? (atbBytes * BLOCKS_PER_ATB + BLOCKS_PER_FTB - 1) / BLOCKS_PER_FTB : 0;
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
        "alloc table 0x%08x (%d bytes), finaliser table %s, pool 0x%08x..0x%08x (%d blocks of %d bytes)",
        atbStart,
        atbBytes,
        hasFinaliser() ? String.format("0x%08x (%d bytes)", ftbStart, ftbBytes()) : "none",
        poolStart,
        poolEnd,
        blocks(),
        bytesPerBlock());
  }
}
