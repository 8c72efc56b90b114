package io.heapreel.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Per-lifespan site figures summed per call site into {@code call_sites} rows, all in one batch
 * ordered by site (a capture has a few hundred sites at most; the table is written as one file).
 */
final class SumCallSites extends PTransform<PCollection<KV<String, SiteTotals>>, PCollection<List<GenericRecord>>> {
  @Override
  public PCollection<List<GenericRecord>> expand(PCollection<KV<String, SiteTotals>> sites) {
    PCollection<KV<String, SiteTotals>> summed = sites.apply("Sum", Combine.perKey(SiteTotals::sum));
    return summed
        .apply("AllSites", WithKeys.of(0))
        .setCoder(KvCoder.of(VarIntCoder.of(), summed.getCoder()))
        .apply("Together", GroupByKey.create())
        .apply("Rows", MapElements.into(new TypeDescriptor<List<GenericRecord>>() {}).via(SumCallSites::rows))
        .setCoder(ListCoder.of(AvroCoder.of(Table.CALL_SITES.schema())));
  }

  private static List<GenericRecord> rows(KV<Integer, Iterable<KV<String, SiteTotals>>> all) {
    List<KV<String, SiteTotals>> sites = new ArrayList<>();
    all.getValue().forEach(sites::add);
    sites.sort(Comparator.comparing(KV::getKey));
    List<GenericRecord> rows = new ArrayList<>(sites.size());
    for (KV<String, SiteTotals> site : sites) {
      rows.add(row(site));
    }
    return rows;
  }

  private static GenericRecord row(KV<String, SiteTotals> site) {
    CallSite s = CallSite.fromKey(site.getKey());
    SiteTotals t = site.getValue();
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
