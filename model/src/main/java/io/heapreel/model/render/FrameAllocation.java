package io.heapreel.model.render;

import java.io.Serializable;
import java.util.Objects;

/**
 * One allocation as a frame draws it.
 *
 * @param area index of the heap area
 * @param block the head block within the area
 * @param blocks head plus tails
 * @param marked the head is in the MARK state (a collection is sweeping)
 * @param finaliser the finaliser bit of the head is set
 * @param garbage no root reaches it (known only when references were decoded)
 */
public record FrameAllocation(
    int area, int block, int blocks, ColourClass colour, boolean marked, boolean finaliser, boolean garbage)
    implements Serializable {
  public FrameAllocation {
    Objects.requireNonNull(colour, "colour");
    if (blocks < 1 || block < 0) {
      throw new IllegalArgumentException("allocation at block " + block + " of " + blocks + " blocks");
    }
  }
}
