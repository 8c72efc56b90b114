package io.heapreel.pipeline;

import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.io.range.OffsetRange;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * ram.bin cut into batches and ranges of batches by arithmetic, each range decoded from its own mapping: the
 * {@code snapshots} rows, and a line for each snapshot that could not be decoded. The runner spreads
 * the ranges over its workers (the DirectRunner reads a {@link Create} as one bundle a worker).
 */
final class DecodeSnapshots extends PTransform<PBegin, PCollectionTuple> {
  /** Batches of {@code snapshots} rows. */
  static final TupleTag<List<GenericRecord>> SNAPSHOTS = DecodeSnapshotsFn.SNAPSHOTS;

  private final CaptureFacts facts;
  private final SnapshotBatches batches;
  private final long batchesPerSplit;
  private final String tablesFolder;
  private final String damageFolder;
  private final boolean rowsOut;

  /**
   * @param tablesFolder the (staging) {@code tables} folder the decode writes the {@code snapshots}
   *     table into, or null for none
   * @param damageFolder where the lines about snapshots that cannot be decoded go ({@link DamageFile})
   * @param rowsOut whether the rows also leave as {@link #SNAPSHOTS}
   */
  DecodeSnapshots(CaptureFacts facts, SnapshotBatches batches, long batchesPerSplit, String tablesFolder, String damageFolder, boolean rowsOut) {
    this.facts = facts;
    this.batches = batches;
    this.batchesPerSplit = batchesPerSplit;
    this.tablesFolder = tablesFolder;
    this.damageFolder = damageFolder;
    this.rowsOut = rowsOut;
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollectionTuple decoded =
        begin
            .apply("SnapshotRanges", Create.of(ranges()).withCoder(OffsetRange.Coder.of()))
            .apply(
                "DecodeRanges",
                ParDo.of(new DecodeSnapshotsFn(facts, batches, tablesFolder, damageFolder, rowsOut))
                    .withOutputTags(DecodeSnapshotsFn.SNAPSHOTS, TupleTagList.empty()));
    decoded.get(DecodeSnapshotsFn.SNAPSHOTS).setCoder(ListCoder.of(AvroCoder.of(Table.SNAPSHOTS.schema())));
    return decoded;
  }

  /** The batches cut into ranges of {@code batchesPerSplit} (the last one shorter). */
  List<OffsetRange> ranges() {
    return new OffsetRange(0, batches.batches()).split(batchesPerSplit, 1);
  }
}
