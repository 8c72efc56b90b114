package io.heapreel.pipeline;

import io.heapreel.model.capture.SnapshotFile;
import io.heapreel.model.lifespan.LiveAllocations;
import io.heapreel.model.objects.ObjectInspector;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/** One key frame inspected by the model, from this instance's own mapping of ram.bin. */
final class InspectKeyFrameFn extends DoFn<KV<Long, LiveAllocations>, List<GenericRecord>> {
  static final TupleTag<List<GenericRecord>> OBJECTS = new TupleTag<>() {};
  static final TupleTag<List<GenericRecord>> REFERENCES = new TupleTag<>() {};
  static final TupleTag<List<GenericRecord>> ROOTS = new TupleTag<>() {};
  static final TupleTag<String> DAMAGE = new TupleTag<>() {};

  private final CaptureFacts facts;
  private final Counter inspected = Metrics.counter(Counters.NAMESPACE, Counters.KEY_FRAMES);
  private transient SnapshotFile snapshots;
  private transient ObjectInspector inspector;

  InspectKeyFrameFn(CaptureFacts facts) {
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

  @ProcessElement
  public void process(@Element KV<Long, LiveAllocations> frame, MultiOutputReceiver out) {
    long snapshot = frame.getKey();
    ObjectRows rows;
    try {
      rows = ObjectRows.of(snapshot, inspector.inspect(snapshots.snapshot(snapshot)), frame.getValue(), facts.heap().areas().get(0));
    } catch (RuntimeException e) {
      out.get(DAMAGE).output("snapshot " + snapshot + ": cannot inspect its objects (" + e + ")");
      return;
    }
    inspected.inc();
    out.get(OBJECTS).output(rows.objects());
    out.get(REFERENCES).output(rows.references());
    out.get(ROOTS).output(rows.roots());
  }
}
