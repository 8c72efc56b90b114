package io.heapreel.model.diff;

import io.heapreel.model.gclog.Frame;
import io.heapreel.model.heap.HeapLocation;
import io.heapreel.model.lifespan.Action;
import io.heapreel.model.lifespan.Lifespan;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.lifespan.TypedLifespans;
import io.heapreel.model.objects.HeapObject;
import io.heapreel.model.objects.ObjectSnapshot;
import io.heapreel.model.types.Role;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares two inspected snapshots of one capture. An allocation is the same in both when the log
 * says so (the lifespan each snapshot shows at its head block, {@link #shownAt}); without a log, or
 * for an allocation older than the log, when address, blocks and type agree. With the log, the
 * allocations made after the first snapshot and gone by the second count as transients, typed as
 * the {@code lifespans} table types them.
 */
public final class SnapshotDiffer {
  public static final String NO_SITE = "(no site)";
  public static final String BEFORE_LOG = "(before the log)";
  public static final String NOT_TYPED = "(not typed)";

  /** Grouping. */
  public enum By {
    TYPE,
    SITE
  }

  private final List<TypedLifespans.Typed> lifespans;
  private final HeapLocation area;
  private final SiteRules rules;

  private SnapshotDiffer(List<TypedLifespans.Typed> lifespans, HeapLocation area, SiteRules rules) {
    this.lifespans = lifespans;
    this.area = area;
    this.rules = rules;
  }

  /** By address, blocks and type: a capture without a log. */
  public static SnapshotDiffer withoutLog() {
    return new SnapshotDiffer(null, null, null);
  }

  /**
   * @param lifespans the log's lifespans with the types {@code run} gives them (a transient's type
   *     is its lifespan's)
   * @param area the heap whose heap blocks the log's block numbers are
   * @param rules the roles allocation sites give blocks the memory leaves unknown, as the objects table has them
   */
  public static SnapshotDiffer withLog(List<TypedLifespans.Typed> lifespans, HeapLocation area, SiteRules rules) {
    return new SnapshotDiffer(lifespans, area, rules);
  }

  /**
   * Whether snapshot {@code s} shows the allocation: made by then, and not ended before it. A free
   * or a sweep still shows its block (the dump is taken before it happens); a realloc shows the
   * allocation it starts, not the one it ends.
   */
  public static boolean shownAt(Lifespan l, long s) {
    if (l.blocks() <= 0 || l.startEvent() > s) {
      return false;
    }
    return l.alive() || l.endEvent() > s || (l.endEvent() == s && l.endCause() != Action.REALLOC);
  }

  /** The key of a call site as the diff groups it: {@code function file:line}. */
  public static String siteKey(String function, String file, Integer line) {
    if (function == null) {
      return NO_SITE;
    }
    return function + (file == null ? "" : " " + file + ":" + line);
  }

  private static String siteKey(Lifespan l) {
    Frame f = l.siteFrame();
    return f == null ? NO_SITE : siteKey(f.function(), f.file(), f.file() == null ? null : f.line());
  }

  /** One allocation of a snapshot with what the diff needs of it. */
  private record Seen(HeapObject object, Lifespan lifespan) {
    Object identity() {
      return lifespan != null ? (Object) lifespan.startEvent() : object.address() + "/" + object.blocks() + "/" + object.typeName();
    }
  }

  public SnapshotDiff diff(ObjectSnapshot from, ObjectSnapshot to, By by) {
    if (by == By.SITE && lifespans == null) {
      throw new IllegalStateException("sites need the log");
    }
    Map<Object, Seen> before = seen(from);
    Map<Object, Seen> after = seen(to);
    Map<String, long[]> groups = new LinkedHashMap<>();
    List<SnapshotDiff.Added> added = new ArrayList<>();
    for (Map.Entry<Object, Seen> e : after.entrySet()) {
      Seen s = e.getValue();
      String key = by == By.TYPE ? s.object().typeName() : site(s);
      boolean old = before.containsKey(e.getKey());
      add(groups, key, old ? 2 : 0, s.object().blocks());
      if (!old) {
        added.add(new SnapshotDiff.Added(s.object().address(), s.object().blocks(), s.object().typeName(), s.object().name(),
            s.object().preview(), s.lifespan() == null ? null : s.lifespan().startEvent(), lifespans == null ? null : site(s)));
      }
    }
    for (Map.Entry<Object, Seen> e : before.entrySet()) {
      if (!after.containsKey(e.getKey())) {
        Seen s = e.getValue();
        add(groups, by == By.TYPE ? s.object().typeName() : site(s), 1, s.object().blocks());
      }
    }
    if (lifespans != null) {
      for (TypedLifespans.Typed t : lifespans) {
        Lifespan l = t.lifespan();
        if (l.blocks() > 0 && l.startEvent() > from.snapshot() && l.startEvent() <= to.snapshot() && !shownAt(l, to.snapshot())) {
          add(groups, by == By.TYPE ? (t.type() == null ? NOT_TYPED : t.type()) : siteKey(l), 3, l.blocks());
        }
      }
    }
    added.sort(Comparator.comparingInt(SnapshotDiff.Added::blocks).reversed().thenComparingLong(SnapshotDiff.Added::address));
    List<SnapshotDiff.Group> rows = new ArrayList<>();
    long[] total = new long[8];
    groups.forEach((key, c) -> {
      rows.add(group(key, c));
      for (int k = 0; k < 8; k++) {
        total[k] += c[k];
      }
    });
    rows.sort(Comparator.comparingLong(SnapshotDiff.Group::netBlocks).reversed()
        .thenComparing(Comparator.comparingLong((SnapshotDiff.Group g) -> g.transients().blocks()).reversed())
        .thenComparing(SnapshotDiff.Group::key));
    return new SnapshotDiff(from.snapshot(), to.snapshot(), by.name().toLowerCase(java.util.Locale.ROOT),
        lifespans == null ? "address" : "log", rows, group("(all)", total), added);
  }

  private String site(Seen s) {
    return s.lifespan() == null ? BEFORE_LOG : siteKey(s.lifespan());
  }

  /** Figures per key: {allocated, blocks, freed, blocks, survived, blocks, transients, blocks}. */
  private static void add(Map<String, long[]> groups, String key, int kind, long blocks) {
    long[] c = groups.computeIfAbsent(key, k -> new long[8]);
    c[2 * kind]++;
    c[2 * kind + 1] += blocks;
  }

  private static SnapshotDiff.Group group(String key, long[] c) {
    return new SnapshotDiff.Group(key, new SnapshotDiff.Count(c[0], c[1]), new SnapshotDiff.Count(c[2], c[3]),
        new SnapshotDiff.Count(c[4], c[5]), new SnapshotDiff.Count(c[6], c[7]));
  }

  /** The allocations of a snapshot by identity, with the roles their sites give blocks that stayed unknown. */
  private Map<Object, Seen> seen(ObjectSnapshot s) {
    Map<Integer, Lifespan> atBlock = new HashMap<>();
    ObjectSnapshot view = s;
    if (lifespans != null) {
      for (TypedLifespans.Typed t : lifespans) {
        if (shownAt(t.lifespan(), s.snapshot())) {
          atBlock.put(t.lifespan().startBlock(), t.lifespan());
        }
      }
      view = s.withSiteRoles(block -> {
        Lifespan l = atBlock.get(block);
        return l == null ? Role.UNKNOWN : rules.siteRole(l.startTrace(), l.site());
      }, area);
    }
    Map<Object, Seen> seen = new LinkedHashMap<>();
    for (HeapObject o : view.objects()) {
      Lifespan l = area != null && area.inPool(o.address()) ? atBlock.get(o.block()) : null;
      Seen x = new Seen(o, l);
      seen.put(x.identity(), x);
    }
    return seen;
  }
}
