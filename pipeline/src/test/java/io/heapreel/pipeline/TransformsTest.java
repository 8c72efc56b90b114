package io.heapreel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.capture.Capture;
import io.heapreel.model.gclog.Frame;
import io.heapreel.model.gclog.GcEvent;
import io.heapreel.model.heap.HeapArea;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.testing.RealCaptures;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;

/**
 * The transforms on the DirectRunner with its checks on (immutability and encodability of every
 * element), asserted with PAssert.
 */
class TransformsTest {
  private static Pipeline checkedPipeline() {
    DirectOptions options = PipelineOptionsFactory.create().as(DirectOptions.class);
    assertThat(options.isEnforceImmutability()).isTrue();
    assertThat(options.isEnforceEncodability()).isTrue();
    return Pipeline.create(options);
  }

  @Test
  void decodeSnapshotsGivesTheReferenceFigures() throws Exception {
    CaptureFacts all;
    try (Capture c = Capture.open(RealCaptures.dev())) {
      all = CaptureFacts.of(c);
    }
    int n = 300;
    CaptureFacts facts = all.firstSnapshots(n);
    List<String> expected = new ArrayList<>();
    List<String> ref = Files.readAllLines(RealCaptures.referenceFile("dev", "reference_stats.csv"));
    for (String line : ref.subList(1, n + 1)) {
      String[] f = line.split(",");
      // snapshot, heads, marked_heads, allocated_blocks, tail_blocks, orphan_tail_blocks, free_blocks, longest_free_run_blocks, ftb_set_on_heads
      expected.add(String.join(",", f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[9]));
    }
    Pipeline p = checkedPipeline();
    // small batches so the 300 snapshots spread over several batches and splits
    PCollectionTuple decoded = p.apply(new DecodeSnapshots(facts, new SnapshotBatches(n, 7), 3, KeyFrames.parse("last", n - 1)));
    PCollection<String> rows =
        decoded.get(DecodeSnapshots.SNAPSHOTS)
            .apply(FlatMapElements.into(TypeDescriptors.strings()).via(TransformsTest::statsColumns));
    PAssert.that(rows).containsInAnyOrder(expected);
    PAssert.that(decoded.get(DecodeSnapshots.DAMAGE)).empty();
    p.run().waitUntilFinish();
  }

  private static List<String> statsColumns(List<GenericRecord> batch) {
    List<String> out = new ArrayList<>();
    for (GenericRecord r : batch) {
      StringBuilder s = new StringBuilder();
      for (String c : List.of("snapshot", "objects", "marked", "allocated_blocks", "tail_blocks", "orphan_tail_blocks",
          "free_blocks", "largest_free_blocks", "finaliser_blocks")) {
        s.append(s.length() == 0 ? "" : ",").append(r.get(c));
      }
      out.add(s.toString());
    }
    return out;
  }

  @Test
  void buildLifespansFollowsTheEventRules() {
    // a hand-made log: the expected actions and lifespans follow from CAPTURE.md's event semantics
    Frame alloc = new Frame(0x9e8, "gc_alloc", "", "../../py/gc.c", 1024, null);
    Frame site = new Frame(0x12e1e, "list_new", "", "../../py/objlist.c", 477, null);
    Frame free = new Frame(0x9f0, "gc_free", "", "../../py/gc.c", 1100, null);
    Frame sweep = new Frame(0x900, "gc_sweep_free_blocks", "", "../../py/gc.c", 400, null);
    List<GcEvent> events =
        List.of(
            new GcEvent(0, 10, 3, 2, List.of(alloc, site), false),
            new GcEvent(1, 20, 5, 1, List.of(alloc, site), false),
            new GcEvent(2, 30, 3, 0, List.of(free, site), false),
            new GcEvent(3, 40, 5, 3, List.of(alloc, site), false),
            new GcEvent(4, 50, 5, 0, List.of(sweep), false),
            new GcEvent(5, 60, 9, 0, List.of(free, site), false),
            new GcEvent(6, 70, 7, 4, List.of(alloc, site), false));
    HeapArea area = new HeapArea(0x20000320L, 437, 0x200004d6L, 0x200005e0L, 0x20007320L, 4);
    Pipeline p = checkedPipeline();
    PCollectionTuple replayed =
        p.apply(Create.of(events).withCoder(SerializableCoder.of(GcEvent.class)))
            .apply(new BuildLifespans(SiteRules.MICROPYTHON, area));
    PAssert.that(
            replayed.get(ReplayBlockFn.EVENTS)
                .apply("EventText", FlatMapElements.into(TypeDescriptors.strings()).via(b -> text(b, "event", "action", "start_block", "address", "site_function"))))
        .containsInAnyOrder(
            "0,alloc,3,536872464,list_new", "1,alloc,5,536872496,list_new", "2,free,3,536872464,list_new",
            "3,realloc,5,536872496,list_new", "4,sweep,5,536872496,null", "5,free_unknown,9,536872560,list_new",
            "6,alloc,7,536872528,list_new");
    PAssert.that(
            replayed.get(ReplayBlockFn.LIFESPANS)
                .apply("LifespanText", FlatMapElements.into(TypeDescriptors.strings())
                    .via(b -> text(b, "allocation_id", "start_block", "blocks", "start_event", "end_event", "end_cause", "site_line"))))
        .containsInAnyOrder("0,3,2,0,2,free,477", "1,5,1,1,3,realloc,477", "3,5,3,3,4,sweep,477", "6,7,4,6,null,null,477");
    PAssert.that(
            replayed.get(ReplayBlockFn.LIFESPANS)
                .apply("Sites", FlatMapElements
                    .into(new TypeDescriptor<KV<String, SiteTotals>>() {})
                    .via((List<GenericRecord> b) -> b.stream().map(l -> KV.of(CallSite.of(l).key(), SiteTotals.of(l, 7))).toList()))
                .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(SiteTotals.class)))
                .apply(new SumCallSites())
                .apply("SiteText", FlatMapElements.into(TypeDescriptors.strings())
                    .via(b -> text(b, "site_function", "allocations", "blocks_allocated", "blocks_alive_at_end", "longest_lifespan_events"))))
        .containsInAnyOrder("list_new,4,10,4,2");
    p.run().waitUntilFinish();
  }

  private static List<String> text(List<GenericRecord> batch, String... columns) {
    List<String> out = new ArrayList<>();
    for (GenericRecord r : batch) {
      List<String> values = new ArrayList<>();
      for (String c : columns) {
        values.add(String.valueOf(r.get(c)));
      }
      out.add(String.join(",", values));
    }
    return out;
  }

  @Test
  void keyFramesAreEveryNthAListOrTheLastAndAlwaysTheLast() {
    KeyFrames every = KeyFrames.parse("1000", 2736);
    assertThat(List.of(0L, 1000L, 2000L, 2736L)).allMatch(every::contains);
    assertThat(every.contains(999)).isFalse();
    assertThat(every.count()).isEqualTo(4);
    KeyFrames listed = KeyFrames.parse("5, 17", 2736);
    assertThat(List.of(5L, 17L, 2736L)).allMatch(listed::contains);
    assertThat(listed.contains(6)).isFalse();
    assertThat(listed.count()).isEqualTo(3);
    assertThat(KeyFrames.parse("last", 2736).count()).isEqualTo(1);
  }
}
