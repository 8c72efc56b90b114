package io.heapreel.pipeline;

import io.heapreel.model.lifespan.LiveAllocations;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.render.FrameSelection;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.coders.VoidCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * mylog.txt parsed once and replayed in event order (event index = snapshot index) into the
 * {@code events} and {@code lifespans} tables, with lifespans typed from the snapshots; out come
 * per-site totals, damage lines, key-frame allocations and frame captions (see {@link ReplayLogFn}).
 *
 * <p>The replay is one ordered pass, not a GroupByKey by start block: a group holds every event of
 * its blocks until the group is complete, and the DirectRunner holds all groups in memory, so the
 * memory would grow with the log. The pass keeps only the live allocations, and it costs less than
 * the parse it rides on.
 */
final class ReplayLog extends PTransform<PBegin, PCollectionTuple> {
  private final String log;
  private final ReplayLogFn replay;

  ReplayLog(CaptureFacts facts, SiteRules rules, KeyFrames keyFrames, FrameSelection frames,
      PipelineOutputs.ExportAllocations exports, String tablesFolder, String damageFolder, String failuresFolder, boolean decodes) {
    this.log = facts.logFile();
    this.replay = new ReplayLogFn(facts, rules, keyFrames, frames, exports, tablesFolder, damageFolder, failuresFolder, decodes);
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollectionTuple replayed =
        begin
            .apply("LogFile", Create.of(log))
            .apply(
                "Replay",
                ParDo.of(replay)
                    .withOutputTags(
                        ReplayLogFn.MAIN,
                        TupleTagList.of(ReplayLogFn.KEY_FRAMES)
                            .and(ReplayLogFn.FRAME_EVENTS)));
    replayed.get(ReplayLogFn.MAIN).setCoder(VoidCoder.of());
    replayed.get(ReplayLogFn.KEY_FRAMES).setCoder(KeyFrameBatches.CODER);
    replayed.get(ReplayLogFn.FRAME_EVENTS).setCoder(RenderFrames.EVENT_CODER);
    return replayed;
  }
}
