package io.heapreel.pipeline;

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
import org.apache.beam.sdk.values.TupleTag;
import org.apache.hadoop.conf.Configuration;

/**
 * Decodes snapshots batch by batch. The element is a range of batch numbers of the capture's
 * {@link SnapshotBatches}, cut by arithmetic when the pipeline is built. Each instance maps
 * {@code ram.bin} itself and reads only the snapshots of its batches; it writes the {@code
 * snapshots} rows itself, a Parquet file a batch, and sends them on only when asked (the frames'
 * timeline); never snapshot bytes.
 *
 * <p>A batch's rows leave as one output: runners pay a fixed cost per output and per bundle, which
 * would cost far more than the decode at a row per output.
 *
 * <p>Not a splittable DoFn: the ranges are ours, by arithmetic, and the runners ran them as cut, but
 * Beam's expansion of a splittable DoFn (restriction pairing, splitting, keyed work items, a
 * stateful process step and their invokers) cost every run 0.15-0.3 s of CPU on the launcher's
 * thread before the first snapshot was decoded (docs/speed.md, "Start-up").
 */
final class DecodeSnapshotsFn extends DoFn<OffsetRange, List<GenericRecord>> {
  static final TupleTag<List<GenericRecord>> SNAPSHOTS = new TupleTag<>() {};
  static final TupleTag<String> DAMAGE = new TupleTag<>() {};

  private final CaptureFacts facts;
  private final SnapshotBatches batches;
  private final String tablesFolder;
  private final boolean rowsOut;
  private final Counter decoded = Metrics.counter(Counters.NAMESPACE, Counters.SNAPSHOTS_DECODED);
  private final Counter damaged = Metrics.counter(Counters.NAMESPACE, Counters.SNAPSHOTS_DAMAGED);
  private final Counter suspect = Metrics.counter(Counters.NAMESPACE, Counters.SNAPSHOTS_SUSPECT);
  private final Counter nanos = Metrics.counter(Counters.NAMESPACE, Counters.DECODE_NANOS);
  private transient SnapshotFile snapshots;
  private transient HeapDecoder decoder;
  /** A plain local ram.bin: the tables read by a positional read each (see {@link #setup}); else null. */
  private transient PositionalSnapshots tables;
  private transient RamSpan tablesSpan;
  private transient Configuration hadoop;
  /** The bundle's {@code snapshots} files, written on a thread of their own; null without {@code tablesFolder}. */
  private transient TableFiles files;

  /**
   * @param tablesFolder the (staging) {@code tables} folder the decode writes the {@code snapshots}
   *     table into itself, a file a batch; null for none
   * @param rowsOut whether the rows also leave as {@link #SNAPSHOTS} (for the frames' timeline)
   */
  DecodeSnapshotsFn(CaptureFacts facts, SnapshotBatches batches, String tablesFolder, boolean rowsOut) {
    this.facts = facts;
    this.batches = batches;
    this.tablesFolder = tablesFolder;
    this.rowsOut = rowsOut;
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
    if (tablesFolder != null) {
      hadoop = ParquetBatchFile.hadoop();
    }
  }

  /**
   * The rows are written by a thread of their own while the next batch is decoded: on the
   * DirectRunner's one worker the decode and the writing of its rows, one after the other, were the
   * run's longest stretch on one core (docs/speed.md).
   */
  @StartBundle
  public void startBundle() {
    if (tablesFolder != null) {
      files = new TableFiles(Table.SNAPSHOTS, tablesFolder, Integer.MAX_VALUE, hadoop);
    }
  }

  @FinishBundle
  public void finishBundle() {
    if (files != null) {
      try {
        files.finish();
      } finally {
        files.close();
        files = null;
      }
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
    if (files != null) {
      files.close();
    }
  }

  @ProcessElement
  public void process(@Element OffsetRange range, MultiOutputReceiver out) {
    int bytesPerBlock = facts.heap().bytesPerBlock();
    OutputReceiver<String> damageLines = out.get(DAMAGE);
    for (long b = range.getFrom(); b < range.getTo(); b++) {
      long start = System.nanoTime();
      List<GenericRecord> rows = new ArrayList<>((int) batches.perBatch());
      for (long i = batches.first(b); i < batches.end(b); i++) {
        long index = i;
        DecodedSnapshot d = DecodedSnapshot.of(i, () -> tables != null ? tables.part(index, tablesSpan) : snapshots.snapshot(index), decoder, bytesPerBlock);
        d.deliver(rows::add, damaged, suspect, damageLines::output);
      }
      decoded.inc(batches.end(b) - batches.first(b));
      nanos.inc(System.nanoTime() - start);
      if (files != null) {
        files.addFile(rows);
      }
      if (rowsOut) {
        out.get(SNAPSHOTS).output(rows);
      }
    }
  }
}
