package io.heapreel.model.lifespan;

import io.heapreel.model.gclog.GcEvent;

/**
 * Whether gdb cut the log's backtraces at a limit: every allocation without a site has a trace of
 * one depth, and no event of the log a deeper one. {@code backtrace 3} or {@code set backtrace
 * limit 3} in a breakpoint's commands leave no note of the cut in the log (gdb prints its
 * {@code (More stack frames follow...)} only to a terminal), so the depths are the evidence.
 */
public final class TraceDepths {
  private int deepest;
  /** The frames of every allocation without a site so far, -1 before the first, -2 once two differ. */
  private int siteless = -1;
  private long firstLine = -1;

  /** An event; {@code startsWithoutSite} when it starts an allocation whose trace names no site. */
  public void event(GcEvent e, boolean startsWithoutSite) {
    int frames = e.trace().size() + 1; // frame #0, the hook's own, is not in the trace
    deepest = Math.max(deepest, frames);
    if (!startsWithoutSite) {
      return;
    }
    if (siteless == -1) {
      siteless = frames;
      firstLine = e.line();
    } else if (siteless != frames) {
      siteless = -2;
    }
  }

  /** The frames gdb stopped every trace at, or 0 when the allocations without a site show no limit. */
  public int limit() {
    return siteless > 0 && siteless == deepest ? siteless : 0;
  }

  /** The log line of the first allocation without a site, or -1. */
  public long firstLine() {
    return firstLine;
  }
}
