package io.heapreel.model.gclog;

import java.io.Serializable;
import java.util.List;

/**
 * One hook record of the log: the heap changed at {@code startBlock} to {@code length} blocks
 * (0 = freed).
 *
 * @param index the record's ordinal in the log, 0-based: the index of the snapshot dumped at the
 *     same stop
 * @param line the log line of the record's {@code Breakpoint N,} line, 1-based
 * @param trace the backtrace below the hook: frame #1 first (the hook's own frame #0 is left out)
 * @param damaged true when the record had damage that was reported but left its values usable
 *     (a gdb warning, a line that could not be read, arguments disagreeing with the {@code $}
 *     values)
 */
public record GcEvent(long index, long line, int startBlock, int length, List<Frame> trace, boolean damaged)
    implements Serializable {
  public GcEvent {
    trace = List.copyOf(trace);
  }

  /** Frame #1: the function that called the hook. */
  public Frame caller() {
    return trace.isEmpty() ? null : trace.get(0);
  }
}
