package io.heapreel.model.lifespan;

import io.heapreel.model.gclog.GcEvent;
import io.heapreel.model.types.Role;
import io.heapreel.model.types.Roles;
import io.heapreel.model.types.TypeSource;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Replays events into lifespans, as {@link LifespanBuilder} does, and gives each its type, read from
 * a snapshot in which the allocation is alive and initialised.
 *
 * <p>Reading types is the costly part (a whole heap is typed to know one allocation's role), so
 * snapshots are shared: every {@code grid}-th snapshot types all allocations made since the last
 * one that are still alive there (and those it could not type yet). An allocation that ends before the next such snapshot is typed
 * from {@link Lifespan#typingSnapshot}, its own. Memory stays bounded by the live allocations.
 */
public final class TypedLifespans {
  /** The grid {@code run} types its lifespans on: every 16th snapshot. */
  public static final int GRID = 16;

  /**
   * A lifespan, its type ({@code raw:ROLE} for raw blocks; null when no snapshot shows it) and where
   * the type came from (null for {@code raw:unknown} or none).
   */
  public record Typed(Lifespan lifespan, String type, TypeSource source) {
    /** Whether it says what the allocation is: a type or a told role, not {@code raw:unknown} and not none. */
    public boolean known() {
      return type != null && Roles.roleOf(type) != Role.UNKNOWN;
    }
  }

  private final LifespanBuilder builder;
  private final SiteRules rules;
  private final AllocationTyper typer;
  private final long snapshots;
  private final int grid;
  private final Consumer<Typed> sink;
  /** Start blocks of live allocations not typed yet. */
  private final Set<Integer> untyped = new LinkedHashSet<>();
  /** Types of live allocations read so far (settled, or the last unsettled one), by start block. */
  private final Map<Integer, String> types = new HashMap<>();

  /**
   * @param typer reads types from the snapshots; null for none: the lifespans get no type at all
   * @param snapshots how many snapshots the capture has (types are read only from those)
   * @param grid every how many snapshots the allocations made since are typed together (1 or more)
   */
  public TypedLifespans(SiteRules rules, AllocationTyper typer, long snapshots, int grid, Consumer<Typed> sink) {
    if (grid < 1) {
      throw new IllegalArgumentException("grid must be at least 1, not " + grid);
    }
    this.rules = rules;
    this.typer = typer;
    this.snapshots = snapshots;
    this.grid = grid;
    this.sink = sink;
    this.builder = new LifespanBuilder(rules, this::ended);
  }

  /** Applies one event (in increasing index) and says what it did. */
  public Action apply(GcEvent event) {
    long at = event.index();
    if (typer == null) {
      return builder.apply(event);
    }
    if (at % grid == 0 && at < snapshots && !untyped.isEmpty()) {
      typeLiveAt(at, event.startBlock());
    }
    Action action = builder.apply(event);
    if (action == Action.ALLOC || action == Action.REALLOC) {
      untyped.add(event.startBlock());
    }
    return action;
  }

  /**
   * Types the untyped live allocations at a snapshot. Not the one at the event's own block: the
   * event may end it, and a lifespan is typed before its end event (see {@link Lifespan#typingSnapshot}).
   * One whose type is not settled yet (a raw block its owner does not point at yet) is read again at
   * the next grid snapshot, and at last at its own.
   */
  private void typeLiveAt(long snapshot, int eventBlock) {
    var blocks = untyped.iterator();
    while (blocks.hasNext()) {
      int block = blocks.next();
      if (block != eventBlock) {
        String type = typer.typeAt(snapshot, block);
        if (type != null) {
          types.put(block, type);
        }
        if (typer.settled(type)) {
          blocks.remove();
        }
      }
    }
  }

  private void ended(Lifespan l) {
    if (typer == null) {
      sink.accept(new Typed(l, null, null));
      return;
    }
    String type = types.remove(l.startBlock());
    if (untyped.remove(l.startBlock())) {
      long at = Lifespan.typingSnapshot(l.startEvent(), l.alive() ? Lifespan.ALIVE : l.endEvent(), snapshots);
      String own = at < 0 ? null : typer.typeAt(at, l.startBlock());
      type = own != null ? own : type;
    }
    TypeSource source = TypeSource.ofTypeName(type);
    if (source == null) {
      Role role = rules.siteRole(l.startTrace(), l.site());
      if (role != Role.UNKNOWN) {
        type = Roles.typeName(Roles.RAW, role);
        source = TypeSource.SITE;
      }
    }
    sink.accept(new Typed(l, type, source));
  }

  /** Blocks of the live allocation at {@code startBlock}, or 0 when none. */
  public int liveBlocks(int startBlock) {
    return builder.liveBlocks(startBlock);
  }

  /** See {@link LifespanBuilder#shownAt}. */
  public LiveAllocations shownAt(GcEvent next) {
    return builder.shownAt(next);
  }

  /** Emits the allocations still alive, typed from the last snapshot unless typed already. */
  public void finish() {
    builder.finish();
  }
}
