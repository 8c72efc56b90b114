package io.heapreel.pipeline;

import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * ram.bin cut into batches and ranges of batches by arithmetic, each range decoded from its own mapping: the
 * {@code snapshots} rows, and a line for each snapshot that could not be decoded.
 */
final class DecodeSnapshots extends PTransform<PBegin, PCollectionTuple> {
  /** Batches of {@code snapshots} rows. */
  static final TupleTag<List<GenericRecord>> SNAPSHOTS = DecodeSnapshotsFn.SNAPSHOTS;
  static final TupleTag<String> DAMAGE = DecodeSnapshotsFn.DAMAGE;

  private final CaptureFacts facts;
  private final SnapshotBatches batches;
  private final long batchesPerSplit;
  private final KeyFrames keyFrames;
  static final TupleTag<List<GenericRecord>> OBJECTS = DecodeSnapshotsFn.OBJECTS;
  static final TupleTag<List<GenericRecord>> REFERENCES = DecodeSnapshotsFn.REFERENCES;
  static final TupleTag<List<GenericRecord>> ROOTS = DecodeSnapshotsFn.ROOTS;

  DecodeSnapshots(CaptureFacts facts, SnapshotBatches batches, long batchesPerSplit, KeyFrames keyFrames) {
    this.facts = facts;
    this.batches = batches;
    this.batchesPerSplit = batchesPerSplit;
    this.keyFrames = keyFrames;
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollectionTuple decoded =
        begin
            .apply("SnapshotBatches", Create.of(batches).withCoder(SerializableCoder.of(SnapshotBatches.class)))
            .apply(
                "DecodeRanges",
                ParDo.of(new DecodeSnapshotsFn(facts, batchesPerSplit, keyFrames))
                    .withOutputTags(
                        DecodeSnapshotsFn.SNAPSHOTS,
                        TupleTagList.of(DecodeSnapshotsFn.DAMAGE).and(OBJECTS).and(REFERENCES).and(ROOTS)));
    decoded.get(OBJECTS).setCoder(ListCoder.of(AvroCoder.of(Table.OBJECTS.schema())));
    decoded.get(REFERENCES).setCoder(ListCoder.of(AvroCoder.of(Table.REFERENCES.schema())));
    decoded.get(ROOTS).setCoder(ListCoder.of(AvroCoder.of(Table.ROOTS.schema())));
    decoded.get(DecodeSnapshotsFn.SNAPSHOTS).setCoder(ListCoder.of(AvroCoder.of(Table.SNAPSHOTS.schema())));
    return decoded;
  }
}
