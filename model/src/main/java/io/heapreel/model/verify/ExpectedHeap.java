package io.heapreel.model.verify;

import io.heapreel.model.heap.BlockState;
import java.util.Arrays;

/**
 * The allocation table the log predicts, block by block, for the snapshot of the event just
 * applied. Blocks the log has never touched are {@link #UNKNOWN}. Changes the dump only shows one
 * event later (a free's blocks, a sweep's tails) wait in a pending range until the next event.
 */
final class ExpectedHeap {
  static final byte UNKNOWN = -1;

  private final byte[] states;
  private int pendingFrom;
  private int pendingTo;

  ExpectedHeap(int blocks) {
    states = new byte[blocks];
    Arrays.fill(states, UNKNOWN);
  }

  int blocks() {
    return states.length;
  }

  byte expected(int block) {
    return states[block];
  }

  /** Applies what the previous event left for this snapshot. */
  void nextEvent() {
    set(pendingFrom, pendingTo, BlockState.FREE);
    pendingFrom = pendingTo = 0;
  }

  void allocation(int start, int blocks) {
    set(start, start + 1, BlockState.HEAD);
    set(start + 1, start + blocks, BlockState.TAIL);
  }

  void free(int from, int to) {
    set(from, to, BlockState.FREE);
  }

  void freeNextEvent(int from, int to) {
    pendingFrom = Math.max(0, Math.min(from, states.length));
    pendingTo = Math.max(pendingFrom, Math.min(to, states.length));
  }

  private void set(int from, int to, int state) {
    int end = Math.min(to, states.length);
    for (int b = Math.max(from, 0); b < end; b++) {
      states[b] = (byte) state;
    }
  }
}
