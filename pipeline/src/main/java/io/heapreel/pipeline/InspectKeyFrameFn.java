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
import org.apache.hadoop.conf.Configuration;

/**
 * A batch of key frames ({@link KeyFrameBatches}) inspected by the model, half of them on the worker
 * and half on a helper thread ({@link TwoHands}), each from its own mapping of ram.bin. The rows of
 * {@code objects}, {@code references} and {@code roots} are written by the DoFn itself, a Parquet
 * file per table once per batch, or sooner when they reach {@value #ROWS_PER_OUTPUT} (memory stays
 * bounded whatever the heap size), on writer threads of their own while the next frames are
 * inspected ({@link TableFiles}). On the DirectRunner's one worker the inspection and then the
 * three tables' writing ran alone on one core at the end of the run (docs/speed.md). Lines about
 * key frames that cannot be inspected go to a {@link DamageFile} of the batch.
 */
final class InspectKeyFrameFn extends DoFn<List<KV<Long, LiveAllocations>>, Void> {
  static final int ROWS_PER_OUTPUT = 1 << 16;

  private final CaptureFacts facts;
  private final String tablesFolder;
  private final String damageFolder;
  private final Counter inspected = Metrics.counter(Counters.NAMESPACE, Counters.KEY_FRAMES);
  private transient TwoHands<Inspecting> hands;
  private transient Long stateAddress;
  private transient Configuration hadoop;
  private transient TableFiles objects;
  private transient TableFiles references;
  private transient TableFiles roots;

  /**
   * @param tablesFolder the (staging) {@code tables} folder the three tables are written into
   * @param damageFolder where each batch's lines about key frames that cannot be inspected go
   */
  InspectKeyFrameFn(CaptureFacts facts, String tablesFolder, String damageFolder) {
    this.facts = facts;
    this.tablesFolder = tablesFolder;
    this.damageFolder = damageFolder;
  }

  /** One thread's mapping of ram.bin and its inspector (neither thread-safe). */
  private record Inspecting(SnapshotFile snapshots, ObjectInspector inspector) {
    void close() {
      snapshots.close();
    }
  }

  /** One key frame's rows, or the line saying why it could not be inspected. */
  private record Inspected(ObjectRows rows, String damage) {}

  @Setup
  public void setup() {
    // Not for a file readable only from its start: the helper's reader would decompress it from
    // there up to its first frame, besides the worker's reading on from its own.
    hands = new TwoHands<>(() -> new Inspecting(facts.openSnapshots(), facts.openInspector()), Inspecting::close,
        "heapreel-key-frames-helper", !facts.readFromStartOnly());
    stateAddress = facts.symbols().find(facts.layout().stateSymbol()).map(Symbol::address).orElse(null);
    hadoop = ParquetBatchFile.hadoop();
  }

  @StartBundle
  public void startBundle() {
    objects = new TableFiles(Table.OBJECTS, tablesFolder, Integer.MAX_VALUE, hadoop);
    references = new TableFiles(Table.REFERENCES, tablesFolder, Integer.MAX_VALUE, hadoop);
    roots = new TableFiles(Table.ROOTS, tablesFolder, Integer.MAX_VALUE, hadoop);
  }

  @FinishBundle
  public void finishBundle() {
    try {
      objects.finish();
      references.finish();
      roots.finish();
    } finally {
      closeFiles();
    }
  }

  @Teardown
  public void teardown() {
    if (hands != null) {
      hands.close();
    }
    if (objects != null) {
      closeFiles();
    }
  }

  private void closeFiles() {
    objects.close();
    references.close();
    roots.close();
    objects = null;
    references = null;
    roots = null;
  }

  @ProcessElement
  public void process(@Element List<KV<Long, LiveAllocations>> batch) {
    DamageFile damage = DamageFile.ofElement(damageFolder, batch.isEmpty() ? 0 : batch.get(0).getKey());
    List<Inspected> frames = hands.map(batch.size(), (own, i) -> inspect(own, batch.get(i)));
    Rows rows = new Rows();
    for (Inspected frame : frames) {
      if (frame.damage() != null) {
        damage.add(frame.damage());
        continue;
      }
      rows.add(frame.rows());
      inspected.inc();
      if (rows.size() >= ROWS_PER_OUTPUT) {
        rows.write();
        rows = new Rows();
      }
    }
    rows.write();
    damage.finish();
  }

  private Inspected inspect(Inspecting own, KV<Long, LiveAllocations> frame) {
    long snapshot = frame.getKey();
    try {
      return new Inspected(ObjectRows.of(snapshot, own.inspector().inspect(own.snapshots().snapshot(snapshot)), frame.getValue(), facts.heap(), stateAddress), null);
    } catch (RuntimeException e) {
      return new Inspected(null, "snapshot " + snapshot + ": cannot inspect its objects (" + io.heapreel.model.error.Reasons.of(e) + ")");
    }
  }

  /** The rows of the key frames inspected since the last output. */
  private final class Rows {
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

    /** Each table's rows as a file of its own (none for a table without rows, as before). */
    void write() {
      InspectKeyFrameFn.this.objects.addFile(objects);
      InspectKeyFrameFn.this.references.addFile(references);
      InspectKeyFrameFn.this.roots.addFile(roots);
    }
  }
}
