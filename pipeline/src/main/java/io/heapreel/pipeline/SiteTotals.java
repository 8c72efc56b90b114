package io.heapreel.pipeline;

import io.heapreel.model.lifespan.Lifespan;
import java.io.Serializable;
import java.util.TreeSet;

/** What the lifespans of one call site add up to. */
record SiteTotals(long allocations, long blocks, long aliveBlocks, long longestEvents, TreeSet<String> types)
    implements Serializable {

  /** @param events events in the capture: an allocation alive at the end lived until then */
  static SiteTotals of(Lifespan l, long events, String type) {
    TreeSet<String> types = new TreeSet<>();
    if (type != null) {
      types.add(type);
    }
    long end = l.alive() ? events : l.endEvent();
    return new SiteTotals(1, l.blocks(), l.alive() ? l.blocks() : 0, end - l.startEvent(), types);
  }

  static SiteTotals sum(Iterable<SiteTotals> all) {
    long n = 0;
    long blocks = 0;
    long alive = 0;
    long longest = 0;
    TreeSet<String> types = new TreeSet<>();
    for (SiteTotals t : all) {
      n += t.allocations;
      blocks += t.blocks;
      alive += t.aliveBlocks;
      longest = Math.max(longest, t.longestEvents);
      types.addAll(t.types);
    }
    return new SiteTotals(n, blocks, alive, longest, types);
  }
}
