package io.heapreel.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The replay's per-site totals as {@code call_sites} rows, all in one batch ordered by site (a
 * capture has a few hundred sites at most; the table is written as one file). The replay is one
 * ordered pass that already sums its lifespans per site, so no Beam step sums them again: a
 * Combine, a GroupByKey and a map for one element cost every run about 0.1 s of CPU in Beam's start
 * (docs/speed.md, "Start-up").
 */
final class CallSiteRows {
  private CallSiteRows() {}

  /** @param sites the totals by site key ({@link CallSite#key()}), in key order */
  static List<GenericRecord> of(SortedMap<String, SiteTotals> sites) {
    List<GenericRecord> rows = new ArrayList<>(sites.size());
    for (Map.Entry<String, SiteTotals> site : sites.entrySet()) {
      rows.add(row(site.getKey(), site.getValue()));
    }
    return rows;
  }

  private static GenericRecord row(String key, SiteTotals t) {
    CallSite s = CallSite.fromKey(key);
    GenericRecord r = new GenericData.Record(Table.CALL_SITES.schema());
    r.put("site_function", s.function());
    r.put("site_file", s.file());
    r.put("site_line", s.line());
    r.put("allocations", t.allocations());
    r.put("blocks_allocated", t.blocks());
    r.put("bytes_allocated", t.bytes());
    r.put("blocks_alive_at_end", t.aliveBlocks());
    r.put("bytes_alive_at_end", t.aliveBytes());
    r.put("longest_lifespan_events", t.longestEvents());
    r.put("types_seen", new ArrayList<>(t.types()));
    return r;
  }
}
