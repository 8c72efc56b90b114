package io.heapreel.pipeline;

import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * ram.bin split into index ranges by arithmetic, each range decoded from its own mapping: the
 * {@code snapshots} rows, and a line for each snapshot that could not be decoded.
 */
final class DecodeSnapshots extends PTransform<PBegin, PCollectionTuple> {
  private final CaptureFacts facts;
  private final long snapshotsPerSplit;

  DecodeSnapshots(CaptureFacts facts, long snapshotsPerSplit) {
    this.facts = facts;
    this.snapshotsPerSplit = snapshotsPerSplit;
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollectionTuple decoded =
        begin
            .apply("SnapshotCount", Create.of(facts.snapshotCount()))
            .apply(
                "DecodeRanges",
                ParDo.of(new DecodeSnapshotsFn(facts, snapshotsPerSplit))
                    .withOutputTags(DecodeSnapshotsFn.SNAPSHOTS, TupleTagList.of(DecodeSnapshotsFn.DAMAGE)));
    decoded.get(DecodeSnapshotsFn.SNAPSHOTS).setCoder(AvroCoder.of(Table.SNAPSHOTS.schema()));
    return decoded;
  }
}
