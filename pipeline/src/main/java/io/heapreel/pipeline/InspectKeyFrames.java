package io.heapreel.pipeline;

import io.heapreel.model.lifespan.LiveAllocations;
import java.util.List;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Full object detail of the key frames: the rows of {@code objects}, {@code references} and
 * {@code roots}, each object with the allocation id of its lifespan where the log says it, written
 * into their tables by the inspecting DoFn itself; out go the damage lines.
 */
final class InspectKeyFrames extends PTransform<PCollection<List<KV<Long, LiveAllocations>>>, PCollectionTuple> {

  private final CaptureFacts facts;
  private final String tablesFolder;

  /** @param tablesFolder the (staging) {@code tables} folder the three tables are written into */
  InspectKeyFrames(CaptureFacts facts, String tablesFolder) {
    this.facts = facts;
    this.tablesFolder = tablesFolder;
  }

  /** The key frames of a capture without a log: no allocation ids. */
  static PTransform<PBegin, PCollection<List<KV<Long, LiveAllocations>>>> withoutLog(KeyFrames keyFrames, long snapshots) {
    return Create.of(KeyFrameBatches.withoutLog(keyFrames, snapshots)).withCoder(KeyFrameBatches.CODER);
  }

  @Override
  public PCollectionTuple expand(PCollection<List<KV<Long, LiveAllocations>>> keyFrames) {
    PCollectionTuple rows =
        keyFrames.apply(
            "Inspect",
            ParDo.of(new InspectKeyFrameFn(facts, tablesFolder)).withOutputTags(InspectKeyFrameFn.DAMAGE, TupleTagList.empty()));
    rows.get(InspectKeyFrameFn.DAMAGE).setCoder(StringUtf8Coder.of());
    return rows;
  }
}
