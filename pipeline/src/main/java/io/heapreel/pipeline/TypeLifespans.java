package io.heapreel.pipeline;

import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Lifespans joined with the snapshot they are typed from (grouped by that snapshot, {@link #GROUPS}
 * ways), typed there, and their per-site totals.
 */
final class TypeLifespans extends PTransform<PCollection<List<GenericRecord>>, PCollectionTuple> {
  static final int GROUPS = 32;
  private final CaptureFacts facts;

  TypeLifespans(CaptureFacts facts) {
    this.facts = facts;
  }

  @Override
  public PCollectionTuple expand(PCollection<List<GenericRecord>> batches) {
    long count = facts.snapshotCount();
    AvroCoder<GenericRecord> row = AvroCoder.of(Table.LIFESPANS.schema());
    PCollectionTuple typed =
        batches
            .apply("Lifespans", Flatten.iterables())
            .setCoder(row)
            .apply(
                "BySnapshot",
                WithKeys.of((GenericRecord l) -> (int) Math.floorMod(TypeLifespansFn.typeSnapshot(l, count), (long) GROUPS))
                    .withKeyType(TypeDescriptors.integers()))
            .setCoder(KvCoder.of(VarIntCoder.of(), row))
            .apply("GroupBySnapshots", GroupByKey.create())
            .apply(
                "Type",
                ParDo.of(new TypeLifespansFn(facts))
                    .withOutputTags(TypeLifespansFn.LIFESPANS, TupleTagList.of(TypeLifespansFn.SITES)));
    typed.get(TypeLifespansFn.LIFESPANS).setCoder(ListCoder.of(row));
    typed.get(TypeLifespansFn.SITES).setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(SiteTotals.class)));
    return typed;
  }
}
