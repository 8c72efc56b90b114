package io.heapreel.pipeline;

import io.heapreel.model.capture.SnapshotFile;
import io.heapreel.model.lifespan.Lifespan;
import io.heapreel.model.objects.ObjectInspector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Gives lifespans their type, read by the model's object typing from one snapshot in which the
 * allocation is alive and initialised (see {@link #typeSnapshot}). Lifespans arrive in batches;
 * each distinct snapshot of a batch is analysed once, from this instance's own mapping of ram.bin.
 */
final class TypeLifespansFn extends DoFn<List<GenericRecord>, List<GenericRecord>> {
  static final TupleTag<List<GenericRecord>> LIFESPANS = new TupleTag<>() {};
  static final TupleTag<KV<String, SiteTotals>> SITES = new TupleTag<>() {};

  private final CaptureFacts facts;
  private final Counter typed = Metrics.counter(Counters.NAMESPACE, Counters.LIFESPANS_TYPED);
  private final Counter nanos = Metrics.counter(Counters.NAMESPACE, Counters.TYPE_NANOS);
  private transient SnapshotFile snapshots;
  private transient ObjectInspector inspector;

  TypeLifespansFn(CaptureFacts facts) {
    this.facts = facts;
  }

  @Setup
  public void setup() {
    snapshots = facts.openSnapshots();
    inspector = facts.openInspector();
  }

  @Teardown
  public void teardown() {
    if (snapshots != null) {
      snapshots.close();
    }
  }

  /** See {@link Lifespan#typingSnapshot}. */
  static long typeSnapshot(GenericRecord lifespan, long snapshotCount) {
    Long end = (Long) lifespan.get("end_event");
    return Lifespan.typingSnapshot((Long) lifespan.get("start_event"), end == null ? Lifespan.ALIVE : end, snapshotCount);
  }


  @ProcessElement
  public void process(@Element List<GenericRecord> batch, MultiOutputReceiver out) {
    long started = System.nanoTime();
    List<GenericRecord> lifespans = new ArrayList<>(batch);
    long count = facts.snapshotCount();
    lifespans.sort(Comparator.comparingLong(l -> typeSnapshot(l, count)));
    List<GenericRecord> rows = new ArrayList<>(lifespans.size());
    long current = Long.MIN_VALUE;
    ObjectInspector.Typing analysis = null;
    for (GenericRecord l : lifespans) {
      long at = typeSnapshot(l, count);
      GenericRecord row = new GenericData.Record((GenericData.Record) l, true);
      String type = null;
      if (at >= 0 && inspector != null) {
        if (at != current) {
          analysis = inspector.types(snapshots.snapshot(at));
          current = at;
        }
        type = analysis.typeAt((Long) l.get("address"));
      }
      if (type != null) {
        typed.inc();
      }
      row.put("type", type);
      rows.add(row);
      out.get(SITES).output(KV.of(CallSite.of(row).key(), SiteTotals.of(row, count)));
    }
    out.get(LIFESPANS).output(rows);
    nanos.inc(System.nanoTime() - started);
  }
}
