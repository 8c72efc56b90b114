package io.heapreel.model.lifespan;

import io.heapreel.model.gclog.Damage;
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
    LogSummary summary = GcLogParser.parse(log, LogReplayer.typed(rules, typer, snapshots, grid, snapshot -> false, new LogReplayer.Listener() {
      @Override
      public void lifespan(TypedLifespans.Typed lifespan) {
        typed.add(lifespan);
      }

      @Override
      public void damage(Damage d) {
        if (damage.size() < LogReplay.DAMAGE_KEPT) {
          damage.add(d);
        }
      }
    }));
    return new TypedLog(typed, summary, damage);
  }
}
