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

  /** The state of one block, read from the allocation table where it lies. */
  public static int of(Memory memory, HeapArea area, int block) {
    int atb = memory.u8(area.atbStart() + block / HeapArea.BLOCKS_PER_ATB);
    return (atb >> (2 * (block % HeapArea.BLOCKS_PER_ATB))) & 3;
  }

  public static boolean isHead(int state) {
    return state == HEAD || state == MARK;
  }

  /** All block states of an area, one byte each: for heap maps and frames. */
  public static byte[] all(Memory memory, HeapArea area) {
    return all(BlockTables.read(memory, area), area);
  }

  /**
   * The block states of every area the snapshot has by heap block ({@link HeapLocation}), from
   * {@link HeapLocation#lowestHeapBlock} (index 0; heap block 0 but where an area lies below the
   * first one's pool); the blocks between two pools, and those of an area a heap that grows lacks in
   * this snapshot, read {@link #FREE}.
   */
  public static byte[] all(Memory memory, HeapLocation heap) {
    if (heap.areas().size() == 1) {
      return all(memory, heap.areas().get(0));
    }
    int lowest = heap.lowestHeapBlock();
    byte[] states = new byte[heap.heapBlocks() - lowest];
    long present = heap.present(memory);
    for (int a = 0; a < heap.areas().size(); a++) {
      if ((present & (1L << a)) != 0) {
        byte[] area = all(memory, heap.areas().get(a));
        System.arraycopy(area, 0, states, heap.heapBlock(a, 0) - lowest, area.length);
      }
    }
    return states;
  }

  /** The state of one heap block ({@link HeapLocation}), or -1 when it lies in no area the snapshot has. */
  public static int of(Memory memory, HeapLocation heap, int heapBlock) {
    int a = heap.areaOf(heapBlock, heap.present(memory));
    return a < 0 ? -1 : of(memory, heap.areas().get(a), heapBlock - heap.heapBlock(a, 0));
  }

  static byte[] all(BlockTables tables, HeapArea area) {
    byte[] states = new byte[area.blocks()];
    for (int b = 0; b < states.length; b++) {
      states[b] = (byte) tables.state(b);
    }
    return states;
  }
}
