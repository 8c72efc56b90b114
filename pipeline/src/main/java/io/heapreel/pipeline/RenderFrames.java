package io.heapreel.pipeline;

import io.heapreel.model.render.FrameEvent;
import io.heapreel.model.render.FrameSelection;
import io.heapreel.model.render.FreeTimeline;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;

/**
 * One PNG frame per selected snapshot, rendered by workers in parallel and written through Beam's
 * FileSystems to {@code heap_NNNNNN.png}: the selected snapshot indices are joined with the events'
 * captions (a snapshot without an event still gets its frame), and each worker maps the snapshots
 * it renders itself.
 *
 * <p>The join is keyed by runs of {@link #FRAMES_PER_KEY} snapshots, not by snapshot: runners pay
 * a fixed cost per key (the DirectRunner most), which at a key per frame cost far more than
 * rendering.
 */
final class RenderFrames extends PTransform<PCollection<KV<Long, FrameEvent>>, PCollection<Long>> {
  static final Coder<KV<Long, FrameEvent>> EVENT_CODER = KvCoder.of(VarLongCoder.of(), SerializableCoder.of(FrameEvent.class));
  static final long FRAMES_PER_KEY = 64;
  static final TupleTag<Long> SELECTED = new TupleTag<>() {};
  static final TupleTag<FrameEvent> EVENTS = new TupleTag<>() {};

  private final CaptureFacts facts;
  private final FrameSelection selection;
  private final PCollectionView<FreeTimeline> timeline;
  private final String folder;

  RenderFrames(CaptureFacts facts, FrameSelection selection, PCollectionView<FreeTimeline> timeline, String folder) {
    this.facts = facts;
    this.selection = selection;
    this.timeline = timeline;
    this.folder = folder;
  }

  @Override
  public PCollection<Long> expand(PCollection<KV<Long, FrameEvent>> events) {
    PCollection<KV<Long, Long>> selected =
        events.getPipeline()
            .apply("Selection", Create.of(selection).withCoder(SerializableCoder.of(FrameSelection.class)))
            .apply("SelectedSnapshots", ParDo.of(new SelectedFn()))
            .setCoder(KvCoder.of(VarLongCoder.of(), VarLongCoder.of()));
    PCollection<KV<Long, FrameEvent>> captions =
        events
            .apply("CaptionsByRun", ParDo.of(new ByRunFn()))
            .setCoder(EVENT_CODER);
    return KeyedPCollectionTuple.of(SELECTED, selected)
        .and(EVENTS, captions)
        .apply("JoinCaptions", CoGroupByKey.create())
        .apply("Render", ParDo.of(new RenderFrameFn(facts, timeline, folder)).withSideInputs(timeline))
        .setCoder(VarLongCoder.of());
  }

  static long run(long snapshot) {
    return snapshot / FRAMES_PER_KEY;
  }

  /** The selected indices by arithmetic, keyed by their run. */
  static final class SelectedFn extends DoFn<FrameSelection, KV<Long, Long>> {
    @ProcessElement
    public void process(@Element FrameSelection s, OutputReceiver<KV<Long, Long>> out) {
      for (long k = 0; k < s.size(); k++) {
        out.output(KV.of(run(s.get(k)), s.get(k)));
      }
    }
  }

  /** Captions keyed by the run of their snapshot (the event index is the snapshot index). */
  static final class ByRunFn extends DoFn<KV<Long, FrameEvent>, KV<Long, FrameEvent>> {
    @ProcessElement
    public void process(@Element KV<Long, FrameEvent> caption, OutputReceiver<KV<Long, FrameEvent>> out) {
      out.output(KV.of(run(caption.getKey()), caption.getValue()));
    }
  }
}
