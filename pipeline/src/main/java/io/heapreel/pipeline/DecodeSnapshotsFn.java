package io.heapreel.pipeline;

import io.heapreel.model.error.Reasons;
import io.heapreel.model.heap.HeapStats;
import io.heapreel.model.capture.Memory;
import io.heapreel.model.capture.PositionalSnapshots;
import io.heapreel.model.capture.RamSpan;
import io.heapreel.model.capture.SnapshotFile;
import io.heapreel.model.heap.HeapDecoder;
import java.nio.file.Path;
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

  private final CaptureFacts facts;
  private final long batchesPerSplit;
  private final Counter decoded = Metrics.counter(Counters.NAMESPACE, Counters.SNAPSHOTS_DECODED);
  private final Counter damaged = Metrics.counter(Counters.NAMESPACE, Counters.SNAPSHOTS_DAMAGED);
  private final Counter suspect = Metrics.counter(Counters.NAMESPACE, Counters.SNAPSHOTS_SUSPECT);
  private final Counter nanos = Metrics.counter(Counters.NAMESPACE, Counters.DECODE_NANOS);
  private transient SnapshotFile snapshots;
  private transient HeapDecoder decoder;
  /** A plain local ram.bin: the tables read by a positional read each (see {@link #setup}); else null. */
  private transient PositionalSnapshots tables;
  private transient RamSpan tablesSpan;

  DecodeSnapshotsFn(CaptureFacts facts, long batchesPerSplit) {
    this.facts = facts;
    this.batchesPerSplit = batchesPerSplit;
  }

  @Setup
  public void setup() {
    snapshots = facts.openSnapshots();
    decoder = facts.decoder();
    // The decode reads a small region of each snapshot (its tables): through the mapping each costs
    // a page fault mapping 16 pages and their unmapping later; one positional read costs a fraction.
    RamSpan reads = decoder.statsReads();
    RamSpan span = facts.span();
    if (facts.plainLocalFile() && reads.start() >= span.start() && reads.end() <= span.end() && reads.length() <= span.length() / 4) {
      tables = PositionalSnapshots.open(Path.of(facts.ramFile()), span, snapshots.count());
      tablesSpan = reads;
    }
  }

  @Teardown
  public void teardown() {
    if (snapshots != null) {
      snapshots.close();
    }
    if (tables != null) {
      tables.close();
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

  @ProcessElement
  public void process(
      @Element SnapshotBatches batches, RestrictionTracker<OffsetRange, Long> tracker, MultiOutputReceiver out) {
    int bytesPerBlock = facts.heap().bytesPerBlock();
    for (long b = tracker.currentRestriction().getFrom(); tracker.tryClaim(b); b++) {
      long start = System.nanoTime();
      List<GenericRecord> rows = new ArrayList<>((int) batches.perBatch());
      for (long i = batches.first(b); i < batches.end(b); i++) {
        try {
          Memory snapshot = tables != null ? tables.part(i, tablesSpan) : snapshots.snapshot(i);
          HeapStats stats = decoder.stats(snapshot);
          rows.add(SnapshotRows.row(i, stats, bytesPerBlock));
          if (stats.suspect() != null) {
            suspect.inc();
            out.get(DAMAGE).output("snapshot " + i + ": no collector leaves this allocation table: " + stats.suspect());
          }
        } catch (RuntimeException e) {
          damaged.inc();
          out.get(DAMAGE).output("snapshot " + i + ": cannot decode (" + Reasons.of(e) + ")");
        }
      }
      decoded.inc(batches.end(b) - batches.first(b));
      nanos.inc(System.nanoTime() - start);
      out.get(SNAPSHOTS).output(rows);
    }
  }
}
