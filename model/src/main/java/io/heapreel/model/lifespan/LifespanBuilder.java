package io.heapreel.model.lifespan;

import io.heapreel.model.gclog.GcEvent;
import io.heapreel.model.types.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Replays events in event order into lifespans. Start blocks are independent, so the events of
 * one start block alone (as the pipeline groups them) give the same lifespans as the whole log.
 * Ended lifespans go to the sink as their end event arrives; {@link #finish()} hands over those
 * still alive, in the order gc_activity.py lists them.
 */
public final class LifespanBuilder {
  private final SiteRules rules;
  private final Consumer<Lifespan> sink;
  /** Live allocation per start block; insertion order kept as gc_activity.py's dict keeps it. */
  private final Map<Integer, Open> live = new LinkedHashMap<>();
  private long lastEvent = -1;

  private record Open(GcEvent start, Action action, int site) {}

  public LifespanBuilder(SiteRules rules, Consumer<Lifespan> sink) {
    this.rules = rules;
    this.sink = sink;
  }

  /** Applies one event (events must come in increasing index) and says what it did. */
  public Action apply(GcEvent event) {
    if (event.index() <= lastEvent) {
      throw new IllegalArgumentException("event " + event.index() + " after event " + lastEvent + ": events must come in order");
    }
    lastEvent = event.index();
    Open current = live.get(event.startBlock());
    Action action = rules.classify(event, current != null);
    if (current != null) {
      sink.accept(lifespan(current, event.index(), action, event));
    }
    switch (action) {
      case ALLOC, REALLOC -> live.put(event.startBlock(), new Open(event, action, rules.siteIndex(event.trace())));
      case FREE, SWEEP -> live.remove(event.startBlock());
      case FREE_UNKNOWN -> { }
    }
    return action;
  }

  /** Blocks of the live allocation at {@code startBlock}, or 0 when none. */
  public int liveBlocks(int startBlock) {
    Open o = live.get(startBlock);
    return o == null ? 0 : o.start().length();
  }

  /**
   * The allocations the snapshot of {@code next} shows, called before {@code next} is applied: those
   * live before it (a block it frees is still allocated there) and the one it makes, whose memory is
   * allocated but not yet initialised.
   */
  public LiveAllocations shownAt(GcEvent next) {
    boolean made = next.length() > 0;
    int[] blocks = new int[live.size() + (made && !live.containsKey(next.startBlock()) ? 1 : 0)];
    int n = 0;
    for (int block : live.keySet()) {
      blocks[n++] = block;
    }
    if (n < blocks.length) {
      blocks[n] = next.startBlock();
    }
    Arrays.sort(blocks);
    long[] ids = new long[blocks.length];
    Role[] roles = new Role[blocks.length];
    for (int i = 0; i < blocks.length; i++) {
      Open o = made && blocks[i] == next.startBlock()
          ? new Open(next, Action.ALLOC, rules.siteIndex(next.trace()))
          : live.get(blocks[i]);
      roles[i] = rules.siteRole(o.start().trace(), o.site());
      ids[i] = o.start().index();
    }
    return new LiveAllocations(next.index(), blocks, ids, roles);
  }

  /** Emits the allocations still alive (no end event) and forgets them. */
  public void finish() {
    for (Open o : live.values()) {
      sink.accept(lifespan(o, Lifespan.ALIVE, null, null));
    }
    live.clear();
  }

  private static Lifespan lifespan(Open o, long end, Action cause, GcEvent endEvent) {
    GcEvent s = o.start();
    return new Lifespan(
        s.startBlock(), s.length(), s.index(), o.action(), end, cause,
        s.trace(), endEvent == null ? List.of() : endEvent.trace(), o.site());
  }

  /** All lifespans of a whole event sequence: ended ones in end order, then those alive. */
  public static List<Lifespan> replay(Iterable<GcEvent> events, SiteRules rules) {
    List<Lifespan> out = new ArrayList<>();
    LifespanBuilder builder = new LifespanBuilder(rules, out::add);
    for (GcEvent e : events) {
      builder.apply(e);
    }
    builder.finish();
    return out;
  }
}
