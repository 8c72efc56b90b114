package io.heapreel.model.heap;

import io.heapreel.model.capture.Memory;

/**
 * The allocation and finaliser tables of one area in one snapshot, each read in one piece, for the
 * passes that visit every block (statistics, the allocation list, heap maps).
 *
 * @param atb the allocation table, 2 bits a block, 4 blocks a byte
 * @param ftb the finaliser table, 1 bit a block; empty when the heap has none
 */
public record BlockTables(byte[] atb, byte[] ftb) {
  public static BlockTables read(Memory memory, HeapArea area) {
    byte[] ftb = area.hasFinaliser() ? memory.bytes(area.ftbStart(), area.ftbBytes()) : new byte[0];
    return new BlockTables(memory.bytes(area.atbStart(), area.atbBytes()), ftb);
  }

  /** The {@link BlockState} of a block. */
  public int state(int block) {
    return (atb[block >> 2] >> ((block & 3) << 1)) & 3;
  }

  /** The finaliser bit of a block (byte b/8, bit b%8); false without a finaliser table. */
  public boolean hasFinaliser(int block) {
    return ftb.length > 0 && ((ftb[block >> 3] >> (block & 7)) & 1) != 0;
  }
}
