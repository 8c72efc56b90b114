package io.heapreel.model.lifespan;

import io.heapreel.model.gclog.Damage;
import io.heapreel.model.gclog.GcEvent;
import io.heapreel.model.gclog.GcLogListener;
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
    Listener listener = new Listener(rules);
    LogSummary summary = GcLogParser.parse(log, listener);
    return new LogReplay(listener.lifespans, listener.actions, listener.damage, summary, listener.preamble, rules);
  }

  /** Records in the log: the snapshots it accounts for. */
  public long records() {
    return summary.records();
  }

  private static final class Listener implements GcLogListener {
    final List<Lifespan> lifespans = new ArrayList<>();
    final Map<Action, Long> actions = new EnumMap<>(Action.class);
    final List<Damage> damage = new ArrayList<>();
    final LifespanBuilder builder;
    Preamble preamble;

    Listener(SiteRules rules) {
      builder = new LifespanBuilder(rules, lifespans::add);
    }

    @Override
    public void preamble(Preamble p) {
      preamble = p;
    }

    @Override
    public void event(GcEvent event) {
      actions.merge(builder.apply(event), 1L, Long::sum);
    }

    @Override
    public void damage(Damage d) {
      if (damage.size() < DAMAGE_KEPT) {
        damage.add(d);
      }
    }

    @Override
    public void end(LogSummary summary) {
      builder.finish();
    }
  }
}
