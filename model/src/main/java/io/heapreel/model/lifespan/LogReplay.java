package io.heapreel.model.lifespan;

import io.heapreel.model.gclog.Damage;
import io.heapreel.model.gclog.GcEvent;
import io.heapreel.model.gclog.GcLogParser;
import io.heapreel.model.gclog.LogSummary;
import io.heapreel.model.gclog.Preamble;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A whole log parsed and replayed in one pass: the lifespans, how many events did what, and the
 * damage found, with the rules it was read by.
 */
public record LogReplay(
    List<Lifespan> lifespans, Map<Action, Long> actions, List<Damage> damage, LogSummary summary, Preamble preamble, SiteRules rules) {
  /** Damage reports kept for the result; the count in the summary is complete. */
  public static final int DAMAGE_KEPT = 1000;

  public static LogReplay read(Path log, SiteRules rules) {
    Collected c = new Collected();
    LogSummary summary = GcLogParser.parse(log, LogReplayer.untyped(rules, snapshot -> false, c));
    return new LogReplay(c.lifespans, c.actions, c.damage, summary, c.preamble, rules);
  }

  /** Records in the log: the snapshots it accounts for. */
  public long records() {
    return summary.records();
  }

  private static final class Collected implements LogReplayer.Listener {
    final List<Lifespan> lifespans = new ArrayList<>();
    final Map<Action, Long> actions = new EnumMap<>(Action.class);
    final List<Damage> damage = new ArrayList<>();
    Preamble preamble;

    @Override
    public void preamble(Preamble p) {
      preamble = p;
    }

    @Override
    public void event(GcEvent event, Action action, int site, int endingBlocks, LiveAllocations shown) {
      actions.merge(action, 1L, Long::sum);
    }

    @Override
    public void lifespan(TypedLifespans.Typed lifespan) {
      lifespans.add(lifespan.lifespan());
    }

    @Override
    public void damage(Damage d) {
      if (damage.size() < DAMAGE_KEPT) {
        damage.add(d);
      }
    }
  }
}
