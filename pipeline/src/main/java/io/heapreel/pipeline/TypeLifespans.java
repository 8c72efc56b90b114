package io.heapreel.pipeline;

import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Lifespans typed from the snapshot each is typed from (see {@link TypeLifespansFn#typeSnapshot}),
 * batch by batch as they come from the replay, and their per-site totals.
 *
 * <p>No regrouping by snapshot: nearly every lifespan is typed from a snapshot of its own (the one
 * before its end event), so a GroupByKey would save almost no analyses, while the DirectRunner copies
 * a group's rows again for every bundle that adds to it.
 */
final class TypeLifespans extends PTransform<PCollection<List<GenericRecord>>, PCollectionTuple> {
  private final CaptureFacts facts;

  TypeLifespans(CaptureFacts facts) {
    this.facts = facts;
  }

  @Override
  public PCollectionTuple expand(PCollection<List<GenericRecord>> batches) {
    PCollectionTuple typed =
        batches.apply(
            "Type",
            ParDo.of(new TypeLifespansFn(facts))
                .withOutputTags(TypeLifespansFn.LIFESPANS, TupleTagList.of(TypeLifespansFn.SITES)));
    typed.get(TypeLifespansFn.LIFESPANS).setCoder(ListCoder.of(AvroCoder.of(Table.LIFESPANS.schema())));
    typed.get(TypeLifespansFn.SITES).setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(SiteTotals.class)));
    return typed;
  }
}
