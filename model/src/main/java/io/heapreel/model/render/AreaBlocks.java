package io.heapreel.model.render;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The allocation-table states of one heap area (one byte a block, {@code BlockState} values) and
 * where its pool lives, for the area's label.
 */
public final class AreaBlocks implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long poolStart;
  private final int bytesPerBlock;
  private final byte[] states;

  /** The state of every block of an area the snapshot does not have (a heap that grows): not heap there. */
  public static final byte NOT_HEAP = -1;

  public AreaBlocks(long poolStart, int bytesPerBlock, byte[] states) {
    this.poolStart = poolStart;
    this.bytesPerBlock = bytesPerBlock;
    this.states = states.clone();
  }

  /** The states of an area of {@code blocks} blocks that is not heap in the snapshot. */
  public static byte[] notHeap(int blocks) {
    byte[] states = new byte[blocks];
    Arrays.fill(states, NOT_HEAP);
    return states;
  }

  public long poolStart() {
    return poolStart;
  }

  /** Whether the snapshot has this area ({@link #notHeap} marks one it lacks, every block alike). */
  public boolean inSnapshot() {
    return states.length == 0 || states[0] != NOT_HEAP;
  }

  public int bytesPerBlock() {
    return bytesPerBlock;
  }

  public int blocks() {
    return states.length;
  }

  public int state(int block) {
    return states[block];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AreaBlocks a
        && a.poolStart == poolStart
        && a.bytesPerBlock == bytesPerBlock
        && Arrays.equals(a.states, states);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(poolStart) * 31 + Arrays.hashCode(states);
  }
}
