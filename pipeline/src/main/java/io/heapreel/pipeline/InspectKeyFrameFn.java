package io.heapreel.pipeline;

import io.heapreel.model.capture.SnapshotFile;
import io.heapreel.model.capture.Symbol;
import io.heapreel.model.lifespan.LiveAllocations;
import io.heapreel.model.objects.ObjectInspector;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * A batch of key frames ({@link KeyFrameBatches}) inspected by the model, from this instance's own
 * mapping of ram.bin. Rows leave once per batch, or sooner when they reach {@value #ROWS_PER_OUTPUT}
 * (memory stays bounded whatever the heap size), so a table gets a file per batch.
 */
final class InspectKeyFrameFn extends DoFn<List<KV<Long, LiveAllocations>>, List<GenericRecord>> {
  static final TupleTag<List<GenericRecord>> OBJECTS = new TupleTag<>() {};
  static final TupleTag<List<GenericRecord>> REFERENCES = new TupleTag<>() {};
  static final TupleTag<List<GenericRecord>> ROOTS = new TupleTag<>() {};
  static final TupleTag<String> DAMAGE = new TupleTag<>() {};
  static final int ROWS_PER_OUTPUT = 1 << 16;

  private final CaptureFacts facts;
  private final Counter inspected = Metrics.counter(Counters.NAMESPACE, Counters.KEY_FRAMES);
  private transient SnapshotFile snapshots;
  private transient ObjectInspector inspector;
  private transient Long stateAddress;

  InspectKeyFrameFn(CaptureFacts facts) {
    this.facts = facts;
  }

  @Setup
  public void setup() {
    snapshots = facts.openSnapshots();
    inspector = facts.openInspector();
    stateAddress = facts.symbols().find(facts.layout().stateSymbol()).map(Symbol::address).orElse(null);
  }

  @Teardown
  public void teardown() {
    if (snapshots != null) {
      snapshots.close();
    }
  }

  @ProcessElement
  public void process(@Element List<KV<Long, LiveAllocations>> batch, MultiOutputReceiver out) {
    Rows rows = new Rows();
    for (KV<Long, LiveAllocations> frame : batch) {
      long snapshot = frame.getKey();
      try {
        rows.add(ObjectRows.of(snapshot, inspector.inspect(snapshots.snapshot(snapshot)), frame.getValue(), facts.heap(), stateAddress));
      } catch (RuntimeException e) {
        out.get(DAMAGE).output("snapshot " + snapshot + ": cannot inspect its objects (" + io.heapreel.model.error.Reasons.of(e) + ")");
        continue;
      }
      inspected.inc();
      if (rows.size() >= ROWS_PER_OUTPUT) {
        rows.output(out);
        rows = new Rows();
      }
    }
    rows.output(out);
  }

  /** The rows of the key frames inspected since the last output. */
  private static final class Rows {
    private final List<GenericRecord> objects = new ArrayList<>();
    private final List<GenericRecord> references = new ArrayList<>();
    private final List<GenericRecord> roots = new ArrayList<>();

    void add(ObjectRows frame) {
      objects.addAll(frame.objects());
      references.addAll(frame.references());
      roots.addAll(frame.roots());
    }

    int size() {
      return objects.size() + references.size() + roots.size();
    }

    void output(MultiOutputReceiver out) {
      if (size() > 0) {
        out.get(OBJECTS).output(objects);
        out.get(REFERENCES).output(references);
        out.get(ROOTS).output(roots);
      }
    }
  }
}
