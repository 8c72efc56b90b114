package io.heapreel.model.verify;

import io.heapreel.model.lifespan.Action;
import java.util.List;

/**
 * An event whose snapshot does not show what the log says.
 *
 * @param blocks the differing blocks (the first few), {@code block: expected -> found}
 * @param differing how many blocks differ in all
 */
public record Mismatch(long event, Action action, int startBlock, int length, List<BlockDifference> blocks, int differing) {
  public Mismatch {
    blocks = List.copyOf(blocks);
  }

  public record BlockDifference(int block, String expected, String found) {
    @Override
    public String toString() {
      return "block " + block + " " + expected + " -> " + found;
    }
  }

  @Override
  public String toString() {
    return String.format("event %d (%s block %d, length %d): %d block(s) differ: %s%s",
        event, action.label(), startBlock, length, differing, blocks,
        differing > blocks.size() ? " ..." : "");
  }
}
