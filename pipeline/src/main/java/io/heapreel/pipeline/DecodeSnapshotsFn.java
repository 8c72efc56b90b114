package io.heapreel.pipeline;

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

  private final CaptureFacts facts;
  private final SnapshotBatches batches;
  private final String tablesFolder;
  private final String damageFolder;
  private final boolean rowsOut;
  private final Counter decoded = Metrics.counter(Counters.NAMESPACE, Counters.SNAPSHOTS_DECODED);
  private final Counter damaged = Metrics.counter(Counters.NAMESPACE, Counters.SNAPSHOTS_DAMAGED);
  private final Counter suspect = Metrics.counter(Counters.NAMESPACE, Counters.SNAPSHOTS_SUSPECT);
  private final Counter nanos = Metrics.counter(Counters.NAMESPACE, Counters.DECODE_NANOS);
  /** Each batch decoded half on the worker, half on a helper thread, each with its own {@link Reader}. */
  private transient TwoHands<Reader> hands;
  private transient Configuration hadoop;
  /** The bundle's {@code snapshots} files, written on a thread of their own; null without {@code tablesFolder}. */
  private transient TableFiles files;

  /**
   * @param tablesFolder the (staging) {@code tables} folder the decode writes the {@code snapshots}
   *     table into itself, a file a batch; null for none
   * @param damageFolder where each range's damage lines go ({@link DamageFile})
   * @param rowsOut whether the rows also leave as {@link #SNAPSHOTS} (for the frames' timeline)
   */
  DecodeSnapshotsFn(CaptureFacts facts, SnapshotBatches batches, String tablesFolder, String damageFolder, boolean rowsOut) {
    this.facts = facts;
    this.batches = batches;
    this.tablesFolder = tablesFolder;
    this.damageFolder = damageFolder;
    this.rowsOut = rowsOut;
  }

  /**
   * One thread's readers of ram.bin and its decoder (none of them thread-safe).
   *
   * @param tables for a plain local ram.bin, the tables read by a positional read each (see {@link
   *     #open}); else null
   */
  private record Reader(SnapshotFile snapshots, HeapDecoder decoder, PositionalSnapshots tables, RamSpan tablesSpan) {
    /**
     * The decode reads a small region of each snapshot (its tables): through the mapping each costs a
     * page fault mapping 16 pages and their unmapping later; one positional read costs a fraction.
     */
    static Reader open(CaptureFacts facts) {
      SnapshotFile snapshots = facts.openSnapshots();
      HeapDecoder decoder = facts.decoder();
      RamSpan reads = decoder.statsReads();
      RamSpan span = facts.span();
      if (facts.plainLocalFile() && reads.start() >= span.start() && reads.end() <= span.end() && reads.length() <= span.length() / 4) {
        return new Reader(snapshots, decoder, PositionalSnapshots.open(Path.of(facts.ramFile()), span, snapshots.count()), reads);
      }
      return new Reader(snapshots, decoder, null, null);
    }

    Memory read(long index) {
      return tables != null ? tables.part(index, tablesSpan) : snapshots.snapshot(index);
    }

    void close() {
      snapshots.close();
      if (tables != null) {
        tables.close();
      }
    }
  }

  @Setup
  public void setup() {
    // Only for a plain local ram.bin, read at any offset for the cost of the bytes: a compressed one
    // would be decompressed by both threads where a half-batch starts inside a block (or, for one
    // readable only from its start, all of it by both).
    hands = new TwoHands<>(() -> Reader.open(facts), Reader::close, "heapreel-decode-helper", facts.plainLocalFile());
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
    if (hands != null) {
      hands.close();
    }
    if (files != null) {
      files.close();
    }
  }

  @ProcessElement
  public void process(@Element OffsetRange range, MultiOutputReceiver out) {
    int bytesPerBlock = facts.heap().bytesPerBlock();
    DamageFile damageLines = DamageFile.ofElement(damageFolder, range.getFrom());
    for (long b = range.getFrom(); b < range.getTo(); b++) {
      long start = System.nanoTime();
      long first = batches.first(b);
      int count = (int) (batches.end(b) - first);
      List<DecodedSnapshot> decodedBatch =
          hands.map(count, (reader, i) -> DecodedSnapshot.of(first + i, () -> reader.read(first + i), reader.decoder(), bytesPerBlock));
      List<GenericRecord> rows = new ArrayList<>(count);
      for (DecodedSnapshot d : decodedBatch) {
        d.deliver(rows::add, damaged, suspect, damageLines::add); // on the worker: Beam's counters belong to it
      }
      decoded.inc(count);
      nanos.inc(System.nanoTime() - start);
      if (files != null) {
        files.addFile(rows);
      }
      if (rowsOut) {
        out.get(SNAPSHOTS).output(rows);
      }
    }
    damageLines.finish();
  }
}
