package io.heapreel.model.heap;

import io.heapreel.model.capture.Memory;

/** The 2-bit allocation-table states, and reading them. */
public final class BlockState {
  public static final int FREE = 0;
  public static final int HEAD = 1;
  public static final int TAIL = 2;
  /** A head marked by the collector's mark phase (seen while a sweep is logged). */
  public static final int MARK = 3;

  private BlockState() {}

  public static boolean isHead(int state) {
    return state == HEAD || state == MARK;
  }

  /** Finaliser bit of block b: byte b/8, bit b%8; false when the heap has no finaliser table. */
  public static boolean hasFinaliser(Memory memory, HeapArea area, int block) {
    return area.hasFinaliser() && ((memory.u8(area.ftbStart() + (block >> 3)) >> (block & 7)) & 1) != 0;
  }

  /** All block states of an area, one byte each: for heap maps and frames. */
  public static byte[] all(Memory memory, HeapArea area) {
    int blocks = area.blocks();
    byte[] states = new byte[blocks];
    for (int i = 0; i < area.atbBytes() && i * 4 < blocks; i++) {
      int bits = memory.u8(area.atbStart() + i);
      for (int j = 0; j < 4 && i * 4 + j < blocks; j++) {
        states[i * 4 + j] = (byte) ((bits >> (j << 1)) & 3);
      }
    }
    return states;
  }
}
