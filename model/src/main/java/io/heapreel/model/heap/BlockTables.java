package io.heapreel.model.heap;

import io.heapreel.model.capture.Memory;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The allocation and finaliser tables of one area in one snapshot, each read in one piece, for the
 * passes that visit every block (statistics, the allocation list, heap maps).
 *
 * @param atb the allocation table, 2 bits a block, 4 blocks a byte
 * @param ftb the finaliser table, 1 bit a block; empty when the heap has none
 */
public record BlockTables(byte[] atb, byte[] ftb) {
  /** Blocks read at once by {@link #states(int)} and {@link #finalisers(int)}: one 64-bit word of the allocation table. */
  public static final int GROUP = 32;

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  public static BlockTables read(Memory memory, HeapArea area) {
    byte[] ftb = area.hasFinaliser() ? memory.bytes(area.ftbStart(), area.ftbBytes()) : new byte[0];
    return new BlockTables(memory.bytes(area.atbStart(), area.atbBytes()), ftb);
  }

  /** A copy: the tables are read through {@link #state}, {@link #states} and the finaliser methods. */
  @Override
  public byte[] atb() {
    return atb.clone();
  }

  /** A copy. */
  @Override
  public byte[] ftb() {
    return ftb.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlockTables other && Arrays.equals(atb, other.atb) && Arrays.equals(ftb, other.ftb);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(atb) + Arrays.hashCode(ftb);
  }

  @Override
  public String toString() {
    return "BlockTables[" + atb.length + " allocation table bytes, " + ftb.length + " finaliser table bytes]";
  }

  /** The {@link BlockState} of a block. */
  public int state(int block) {
    return (atb[block >> 2] >> ((block & 3) << 1)) & 3;
  }

  /** The finaliser bit of a block (byte b/8, bit b%8); false without a finaliser table. */
  public boolean hasFinaliser(int block) {
    return ftb.length > 0 && ((ftb[block >> 3] >> (block & 7)) & 1) != 0;
  }

  /**
   * The states of blocks {@code first} to {@code first + 31} ({@code first} a multiple of 32), 2 bits
   * each, block {@code first + i} in bits 2i and 2i+1; zero (free) past the end of the table.
   */
  public long states(int first) {
    int at = first >> 2;
    if (at + Long.BYTES <= atb.length) {
      return (long) LONGS.get(atb, at);
    }
    long word = 0;
    for (int i = 0; at + i < atb.length; i++) {
      word |= (atb[at + i] & 0xFFL) << (8 * i);
    }
    return word;
  }

  /** The finaliser bits of blocks {@code first} to {@code first + 31}, block {@code first + i} in bit i; zero past the table. */
  public long finalisers(int first) {
    int at = first >> 3;
    if (at + Integer.BYTES <= ftb.length) {
      return (int) INTS.get(ftb, at) & 0xFFFFFFFFL;
    }
    long word = 0;
    for (int i = 0; at + i < ftb.length; i++) {
      word |= (ftb[at + i] & 0xFFL) << (8 * i);
    }
    return word;
  }

  /** Bits 0, 2, 4, ... 62 of {@code x} packed into bits 0 to 31. */
  public static long evenBits(long x) {
    x &= 0x5555555555555555L;
    x = (x | (x >>> 1)) & 0x3333333333333333L;
    x = (x | (x >>> 2)) & 0x0F0F0F0F0F0F0F0FL;
    x = (x | (x >>> 4)) & 0x00FF00FF00FF00FFL;
    x = (x | (x >>> 8)) & 0x0000FFFF0000FFFFL;
    return (x | (x >>> 16)) & 0xFFFFFFFFL;
  }
}
