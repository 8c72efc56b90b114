package io.heapreel.model.gclog;

/**
 * What the whole log held.
 *
 * @param records hook records, usable or not: the number of snapshots the log accounts for
 * @param events usable records (events delivered)
 * @param skipped records dropped because of damage
 * @param damage damage reports, including those of flagged events
 * @param hook the hook breakpoint (number and the function its hits stop in), or null when the
 *     log has no hit at all
 * @param endHit the line of the other breakpoint's hit that ended the capture, or null when the
 *     log just stops (an interrupted capture)
 * @param lines lines read
 */
public record LogSummary(
    long records, long events, long skipped, long damage, HookBreakpoint hook, String endHit, long lines) {
  /** The breakpoint whose hits are the records. */
  public record HookBreakpoint(int number, String function) {}
}
