package io.heapreel.pipeline;

import io.heapreel.model.capture.SnapshotFile;
import io.heapreel.model.heap.HeapDecoder;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.range.OffsetRange;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Decodes a range of snapshot indices. The element is the snapshot count; the restriction is an
 * index range that the runner may split further. Each instance maps {@code ram.bin} itself and
 * reads only the snapshots it claims; out go small rows, never snapshot bytes.
 */
@DoFn.BoundedPerElement
final class DecodeSnapshotsFn extends DoFn<Long, GenericRecord> {
  static final TupleTag<GenericRecord> SNAPSHOTS = new TupleTag<>() {};
  static final TupleTag<String> DAMAGE = new TupleTag<>() {};

  private final CaptureFacts facts;
  private final long snapshotsPerSplit;
  private final Counter decoded = Metrics.counter(Counters.NAMESPACE, Counters.SNAPSHOTS_DECODED);
  private final Counter damaged = Metrics.counter(Counters.NAMESPACE, Counters.SNAPSHOTS_DAMAGED);
  private final Counter nanos = Metrics.counter(Counters.NAMESPACE, Counters.DECODE_NANOS);
  private transient SnapshotFile snapshots;
  private transient HeapDecoder decoder;

  DecodeSnapshotsFn(CaptureFacts facts, long snapshotsPerSplit) {
    this.facts = facts;
    this.snapshotsPerSplit = snapshotsPerSplit;
  }

  @Setup
  public void setup() {
    snapshots = facts.openSnapshots();
    decoder = facts.decoder();
  }

  @Teardown
  public void teardown() {
    if (snapshots != null) {
      snapshots.close();
    }
  }

  @GetInitialRestriction
  public OffsetRange allSnapshots(@Element Long count) {
    return new OffsetRange(0, count);
  }

  /** Split by arithmetic: fixed-size index ranges, no scan of the file. */
  @SplitRestriction
  public void split(@Restriction OffsetRange range, OutputReceiver<OffsetRange> out) {
    for (OffsetRange part : range.split(snapshotsPerSplit, 1)) {
      out.output(part);
    }
  }

  @ProcessElement
  public void process(RestrictionTracker<OffsetRange, Long> tracker, MultiOutputReceiver out) {
    int bytesPerBlock = facts.heap().bytesPerBlock();
    for (long i = tracker.currentRestriction().getFrom(); tracker.tryClaim(i); i++) {
      long start = System.nanoTime();
      try {
        out.get(SNAPSHOTS).output(SnapshotRows.row(i, decoder.stats(snapshots.snapshot(i)), bytesPerBlock));
      } catch (RuntimeException e) {
        damaged.inc();
        out.get(DAMAGE).output("snapshot " + i + ": cannot decode (" + e + ")");
      }
      nanos.inc(System.nanoTime() - start);
      decoded.inc();
    }
  }
}
