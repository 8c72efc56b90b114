package io.heapreel.pipeline;

import io.heapreel.model.capture.Snapshot;
import io.heapreel.model.capture.SnapshotFile;
import io.heapreel.model.objects.ObjectInspector;
import io.heapreel.model.heap.HeapDecoder;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.range.OffsetRange;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Decodes snapshots batch by batch. The element is the capture's {@link SnapshotBatches}; the
 * restriction is a range of batch numbers that the runner may split further. Each instance maps
 * {@code ram.bin} itself and reads only the snapshots of the batches it claims; out go small rows,
 * never snapshot bytes.
 *
 * <p>A claim covers a whole batch and its rows leave as one output: runners pay a fixed cost per
 * output and per bundle (the DirectRunner checkpoints an SDF every 100 outputs and re-translates
 * each downstream step per bundle), which would cost far more than the decode at a row per output.
 */
@DoFn.BoundedPerElement
final class DecodeSnapshotsFn extends DoFn<SnapshotBatches, List<GenericRecord>> {
  static final TupleTag<List<GenericRecord>> SNAPSHOTS = new TupleTag<>() {};
  static final TupleTag<String> DAMAGE = new TupleTag<>() {};
  static final TupleTag<List<GenericRecord>> OBJECTS = new TupleTag<>() {};
  static final TupleTag<List<GenericRecord>> REFERENCES = new TupleTag<>() {};
  static final TupleTag<List<GenericRecord>> ROOTS = new TupleTag<>() {};

  private final CaptureFacts facts;
  private final long batchesPerSplit;
  private final KeyFrames keyFrames;
  private final Counter keyFramesDecoded = Metrics.counter(Counters.NAMESPACE, Counters.KEY_FRAMES);
  private final Counter decoded = Metrics.counter(Counters.NAMESPACE, Counters.SNAPSHOTS_DECODED);
  private final Counter damaged = Metrics.counter(Counters.NAMESPACE, Counters.SNAPSHOTS_DAMAGED);
  private final Counter nanos = Metrics.counter(Counters.NAMESPACE, Counters.DECODE_NANOS);
  private transient SnapshotFile snapshots;
  private transient HeapDecoder decoder;
  private transient ObjectInspector inspector;

  /** @param keyFrames snapshots that also get object detail (when the facts have a layout) */
  DecodeSnapshotsFn(CaptureFacts facts, long batchesPerSplit, KeyFrames keyFrames) {
    this.facts = facts;
    this.batchesPerSplit = batchesPerSplit;
    this.keyFrames = keyFrames;
  }

  @Setup
  public void setup() {
    snapshots = facts.openSnapshots();
    decoder = facts.decoder();
    inspector = facts.openInspector();
  }

  @Teardown
  public void teardown() {
    if (snapshots != null) {
      snapshots.close();
    }
  }

  @GetInitialRestriction
  public OffsetRange allBatches(@Element SnapshotBatches batches) {
    return new OffsetRange(0, batches.batches());
  }

  /** Split by arithmetic: fixed-size ranges of batches, no scan of the file. */
  @SplitRestriction
  public void split(@Restriction OffsetRange range, OutputReceiver<OffsetRange> out) {
    for (OffsetRange part : range.split(batchesPerSplit, 1)) {
      out.output(part);
    }
  }

  /**
   * Key-frame rows leave together per batch (one Parquet file each downstream, not one per key
   * frame), in outputs of about this many rows at most, so that dense key frames stay bounded.
   */
  static final int KEY_FRAME_ROWS_PER_OUTPUT = 1 << 16;

  private static void outputKeyFrames(List<ObjectRows> frames, MultiOutputReceiver out) {
    if (frames.isEmpty()) {
      return;
    }
    ObjectRows rows = ObjectRows.concat(frames);
    out.get(OBJECTS).output(rows.objects());
    out.get(REFERENCES).output(rows.references());
    out.get(ROOTS).output(rows.roots());
  }

  @ProcessElement
  public void process(
      @Element SnapshotBatches batches, RestrictionTracker<OffsetRange, Long> tracker, MultiOutputReceiver out) {
    int bytesPerBlock = facts.heap().bytesPerBlock();
    for (long b = tracker.currentRestriction().getFrom(); tracker.tryClaim(b); b++) {
      long start = System.nanoTime();
      List<GenericRecord> rows = new ArrayList<>((int) batches.perBatch());
      List<ObjectRows> frames = new ArrayList<>();
      int frameRows = 0;
      for (long i = batches.first(b); i < batches.end(b); i++) {
        try {
          Snapshot snapshot = snapshots.snapshot(i);
          rows.add(SnapshotRows.row(i, decoder.stats(snapshot), bytesPerBlock));
          if (inspector != null && keyFrames.contains(i)) {
            ObjectRows detail = ObjectRows.of(i, inspector.inspect(snapshot));
            frames.add(detail);
            frameRows += detail.size();
            keyFramesDecoded.inc();
            if (frameRows >= KEY_FRAME_ROWS_PER_OUTPUT) {
              outputKeyFrames(frames, out);
              frames.clear();
              frameRows = 0;
            }
          }
        } catch (RuntimeException e) {
          damaged.inc();
          out.get(DAMAGE).output("snapshot " + i + ": cannot decode (" + e + ")");
        }
      }
      outputKeyFrames(frames, out);
      decoded.inc(batches.end(b) - batches.first(b));
      nanos.inc(System.nanoTime() - start);
      out.get(SNAPSHOTS).output(rows);
    }
  }
}
