package io.heapreel.pipeline;

import org.apache.avro.generic.GenericRecord;
import java.util.TreeSet;

/** What the lifespans of one call site add up to. */
record SiteTotals(long allocations, long blocks, long bytes, long aliveBlocks, long aliveBytes, long longestEvents, TreeSet<String> types) {

  /** @param events events in the capture: an allocation alive at the end lived until then */
  static SiteTotals of(GenericRecord lifespan, long events) {
    TreeSet<String> types = new TreeSet<>();
    Object type = lifespan.get("type");
    if (type != null) {
      types.add(type.toString());
    }
    Long endEvent = (Long) lifespan.get("end_event");
    int blocks = (Integer) lifespan.get("blocks");
    long bytes = (Long) lifespan.get("bytes");
    long end = endEvent == null ? events : endEvent;
    return new SiteTotals(1, blocks, bytes, endEvent == null ? blocks : 0, endEvent == null ? bytes : 0,
        end - (Long) lifespan.get("start_event"), types);
  }

  SiteTotals plus(SiteTotals other) {
    return sum(java.util.List.of(this, other));
  }

  static SiteTotals sum(Iterable<SiteTotals> all) {
    long n = 0;
    long blocks = 0;
    long bytes = 0;
    long alive = 0;
    long aliveBytes = 0;
    long longest = 0;
    TreeSet<String> types = new TreeSet<>();
    for (SiteTotals t : all) {
      n += t.allocations;
      blocks += t.blocks;
      bytes += t.bytes;
      alive += t.aliveBlocks;
      aliveBytes += t.aliveBytes;
      longest = Math.max(longest, t.longestEvents);
      types.addAll(t.types);
    }
    return new SiteTotals(n, blocks, bytes, alive, aliveBytes, longest, types);
  }
}
