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

  public AreaBlocks(long poolStart, int bytesPerBlock, byte[] states) {
    this.poolStart = poolStart;
    this.bytesPerBlock = bytesPerBlock;
    this.states = states.clone();
  }

  public long poolStart() {
    return poolStart;
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
