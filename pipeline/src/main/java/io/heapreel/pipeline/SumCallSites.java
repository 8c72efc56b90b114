package io.heapreel.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Per-lifespan site figures summed per call site into {@code call_sites} rows (one row per batch). */
final class SumCallSites extends PTransform<PCollection<KV<String, SiteTotals>>, PCollection<List<GenericRecord>>> {
  @Override
  public PCollection<List<GenericRecord>> expand(PCollection<KV<String, SiteTotals>> sites) {
    return sites
        .apply("Sum", Combine.perKey(SiteTotals::sum))
        .apply("Row", MapElements.into(new TypeDescriptor<List<GenericRecord>>() {}).via(SumCallSites::row))
        .setCoder(ListCoder.of(AvroCoder.of(Table.CALL_SITES.schema())));
  }

  private static List<GenericRecord> row(KV<String, SiteTotals> site) {
    CallSite s = CallSite.fromKey(site.getKey());
    SiteTotals t = site.getValue();
    GenericRecord r = new GenericData.Record(Table.CALL_SITES.schema());
    r.put("site_function", s.function());
    r.put("site_file", s.file());
    r.put("site_line", s.line());
    r.put("allocations", t.allocations());
    r.put("blocks_allocated", t.blocks());
    r.put("blocks_alive_at_end", t.aliveBlocks());
    r.put("longest_lifespan_events", t.longestEvents());
    r.put("types_seen", new ArrayList<>(t.types()));
    return List.of(r);
  }
}
