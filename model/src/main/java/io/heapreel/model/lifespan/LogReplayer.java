package io.heapreel.model.lifespan;

import io.heapreel.model.gclog.Damage;
import io.heapreel.model.gclog.GcEvent;
import io.heapreel.model.gclog.GcLogListener;
import io.heapreel.model.gclog.LogSummary;
import io.heapreel.model.gclog.Preamble;
import java.util.function.LongPredicate;

/**
 * The gdb log replayed in event order: the one replay behind {@code run}'s events and lifespans
 * tables, key-frame allocations and frame captions, and the {@code lifespans}, {@code tree},
 * {@code diff}, {@code heapsnapshot} and {@code frames} commands. Feed it to the log parser (it is a
 * {@link GcLogListener}); it keeps only the live allocations, whatever the length of the log.
 */
public final class LogReplayer implements GcLogListener {
  /** What the replay tells, in log order; every callback is optional. */
  public interface Listener {
    default void preamble(Preamble preamble) {}

    /**
     * One event replayed.
     *
     * @param site the index of the allocation site in the event's trace ({@link SiteRules#siteIndex}), -1 for none
     * @param endingBlocks blocks of the allocation live at the event's start block before it (0 for none):
     *     the size of what a free or a sweep ends
     * @param shown for the events the replayer was asked to show, the allocations their snapshot shows
     *     ({@link LifespanBuilder#shownAt}); else null
     */
    default void event(GcEvent event, Action action, int site, int endingBlocks, LiveAllocations shown) {}

    /** A lifespan complete: ended, or alive at the end of the log. Types are null when the replay does not type. */
    default void lifespan(TypedLifespans.Typed lifespan) {}

    default void damage(Damage damage) {}

    /** The end of the log, after the lifespans still alive. */
    default void end(LogSummary summary) {}
  }

  private final SiteRules rules;
  private final TypedLifespans lifespans;
  private final LongPredicate show;
  private final Listener listener;

  private LogReplayer(SiteRules rules, AllocationTyper typer, long snapshots, int grid, LongPredicate show, Listener listener) {
    this.rules = rules;
    this.lifespans = new TypedLifespans(rules, typer, snapshots, grid, listener::lifespan);
    this.show = show;
    this.listener = listener;
  }

  /** A replay whose lifespans have no types. */
  public static LogReplayer untyped(SiteRules rules, LongPredicate show, Listener listener) {
    return new LogReplayer(rules, null, 0, TypedLifespans.GRID, show, listener);
  }

  /**
   * A replay that types its lifespans as {@link TypedLifespans} does.
   *
   * @param snapshots how many snapshots the capture has
   * @param grid every how many snapshots the allocations made since are typed together
   */
  public static LogReplayer typed(SiteRules rules, AllocationTyper typer, long snapshots, int grid, LongPredicate show, Listener listener) {
    return new LogReplayer(rules, typer, snapshots, grid, show, listener);
  }

  public SiteRules rules() {
    return rules;
  }

  @Override
  public void preamble(Preamble preamble) {
    listener.preamble(preamble);
  }

  @Override
  public void event(GcEvent event) {
    int ending = lifespans.liveBlocks(event.startBlock());
    LiveAllocations shown = show.test(event.index()) ? lifespans.shownAt(event) : null;
    Action action = lifespans.apply(event);
    listener.event(event, action, rules.siteIndex(event.trace()), ending, shown);
  }

  @Override
  public void damage(Damage damage) {
    listener.damage(damage);
  }

  @Override
  public void end(LogSummary summary) {
    lifespans.finish();
    listener.end(summary);
  }
}
