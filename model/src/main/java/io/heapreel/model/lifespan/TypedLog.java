package io.heapreel.model.lifespan;

import io.heapreel.model.gclog.Damage;
import io.heapreel.model.gclog.GcEvent;
import io.heapreel.model.gclog.GcLogListener;
import io.heapreel.model.gclog.GcLogParser;
import io.heapreel.model.gclog.LogSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole log replayed into typed lifespans, as {@code run} types its {@code lifespans} table
 * (the same grid, so the same types), held in memory: for commands that look at a stretch of a
 * capture, not for the pipeline.
 */
public record TypedLog(List<TypedLifespans.Typed> lifespans, LogSummary summary, List<Damage> damage) {
  /**
   * @param snapshots how many snapshots the capture has
   * @param grid every how many snapshots live allocations are typed together ({@code run}: {@link TypedLifespans#GRID})
   */
  public static TypedLog read(Path log, SiteRules rules, AllocationTyper typer, long snapshots, int grid) {
    List<TypedLifespans.Typed> typed = new ArrayList<>();
    List<Damage> damage = new ArrayList<>();
    TypedLifespans replay = new TypedLifespans(rules, typer, snapshots, grid, typed::add);
    LogSummary summary = GcLogParser.parse(log, new GcLogListener() {
      @Override
      public void event(GcEvent event) {
        replay.apply(event);
      }

      @Override
      public void damage(Damage d) {
        if (damage.size() < LogReplay.DAMAGE_KEPT) {
          damage.add(d);
        }
      }

      @Override
      public void end(LogSummary s) {
        replay.finish();
      }
    });
    return new TypedLog(typed, summary, damage);
  }
}
