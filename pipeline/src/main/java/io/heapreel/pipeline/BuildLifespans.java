package io.heapreel.pipeline;

import io.heapreel.model.gclog.GcEvent;
import io.heapreel.model.heap.HeapArea;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.render.FrameSelection;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Events grouped by start block and replayed in event order (a GroupByKey, so blocks replay in
 * parallel): rows of {@code events} with their action, rows of {@code lifespans}, and per-site
 * totals. Start blocks are grouped {@link #GROUPS} ways (block modulo GROUPS) rather than one key
 * each: a block's events still all meet in one group, and runners pay per key and bundle.
 */
final class BuildLifespans extends PTransform<PCollection<GcEvent>, PCollectionTuple> {
  static final int GROUPS = 32;

  private final SiteRules rules;
  private final HeapArea area;
  private final FrameSelection frames;

  BuildLifespans(SiteRules rules, HeapArea area) {
    this(rules, area, null);
  }

  /** Also emits the captions of the events of {@code frames}' snapshots (null: none). */
  BuildLifespans(SiteRules rules, HeapArea area, FrameSelection frames) {
    this.rules = rules;
    this.area = area;
    this.frames = frames;
  }

  @Override
  public PCollectionTuple expand(PCollection<GcEvent> parsed) {
    PCollectionTuple replayed =
        parsed
            .apply("ByStartBlock", WithKeys.of((GcEvent e) -> Math.floorMod(e.startBlock(), GROUPS)).withKeyType(TypeDescriptors.integers()))
            .setCoder(KvCoder.of(VarIntCoder.of(), parsed.getCoder()))
            .apply("GroupByStartBlocks", GroupByKey.create())
            .apply(
                "Replay",
                ParDo.of(new ReplayBlockFn(rules, area, frames))
                    .withOutputTags(
                        ReplayBlockFn.EVENTS, TupleTagList.of(ReplayBlockFn.LIFESPANS).and(ReplayBlockFn.FRAME_EVENTS)));
    replayed.get(ReplayBlockFn.EVENTS).setCoder(ListCoder.of(AvroCoder.of(Table.EVENTS.schema())));
    replayed.get(ReplayBlockFn.LIFESPANS).setCoder(ListCoder.of(AvroCoder.of(Table.LIFESPANS.schema())));
    replayed.get(ReplayBlockFn.FRAME_EVENTS).setCoder(RenderFrames.EVENT_CODER);
    return replayed;
  }
}
