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
    String what = length > 0
        ? String.format("%s block %d, %d blocks", action.label(), startBlock, length)
        : String.format("%s block %d", action.label(), startBlock);
    return String.format("event %d (%s): %d block(s) differ, expected -> found: %s%s",
        event, what, differing, blocks, differing > blocks.size() ? " ..." : "");
  }
}
