package io.heapreel.pipeline;

import io.heapreel.model.lifespan.LiveAllocations;
import java.util.List;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Full object detail of the key frames: the rows of {@code objects}, {@code references} and
 * {@code roots}, each object with the allocation id of its lifespan where the log says it, written
 * into their tables by the inspecting DoFn itself, with its damage lines ({@link InspectKeyFrameFn}).
 */
final class InspectKeyFrames extends PTransform<PCollection<List<KV<Long, LiveAllocations>>>, PDone> {

  private final CaptureFacts facts;
  private final String tablesFolder;
  private final String damageFolder;

  /**
   * @param tablesFolder the (staging) {@code tables} folder
   * @param damageFolder where the lines about key frames that cannot be inspected go ({@link DamageFile})
   */
  InspectKeyFrames(CaptureFacts facts, String tablesFolder, String damageFolder) {
    this.facts = facts;
    this.tablesFolder = tablesFolder;
    this.damageFolder = damageFolder;
  }

  /** The key frames of a capture without a log: no allocation ids. */
  static PTransform<PBegin, PCollection<List<KV<Long, LiveAllocations>>>> withoutLog(KeyFrames keyFrames, long snapshots) {
    return Create.of(KeyFrameBatches.withoutLog(keyFrames, snapshots)).withCoder(KeyFrameBatches.CODER);
  }

  @Override
  public PDone expand(PCollection<List<KV<Long, LiveAllocations>>> keyFrames) {
    keyFrames.apply("Inspect", ParDo.of(new InspectKeyFrameFn(facts, tablesFolder, damageFolder)));
    return PDone.in(keyFrames.getPipeline());
  }
}
