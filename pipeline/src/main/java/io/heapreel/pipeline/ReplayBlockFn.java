package io.heapreel.pipeline;

import io.heapreel.model.gclog.GcEvent;
import io.heapreel.model.heap.HeapArea;
import io.heapreel.model.lifespan.Action;
import io.heapreel.model.lifespan.LifespanBuilder;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.render.FrameEvent;
import io.heapreel.model.render.FrameEvents;
import io.heapreel.model.render.FrameSelection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The events of a group of start blocks, in event order, replayed by the model's lifespan builder
 * (start blocks are independent of each other): each event's action, the lifespans and their call
 * sites.
 */
final class ReplayBlockFn extends DoFn<KV<Integer, Iterable<GcEvent>>, List<GenericRecord>> {
  static final TupleTag<List<GenericRecord>> EVENTS = new TupleTag<>() {};
  static final TupleTag<List<GenericRecord>> LIFESPANS = new TupleTag<>() {};
  /** Captions of the events whose snapshots get a frame. */
  static final TupleTag<KV<Long, FrameEvent>> FRAME_EVENTS = new TupleTag<>() {};

  private final SiteRules rules;
  private final HeapArea area;
  private final FrameSelection frames;

  /**
   * @param frames the snapshots that get a frame (their events' captions go out), or null
   */
  ReplayBlockFn(SiteRules rules, HeapArea area, FrameSelection frames) {
    this.rules = rules;
    this.area = area;
    this.frames = frames;
  }

  @ProcessElement
  public void process(@Element KV<Integer, Iterable<GcEvent>> block, MultiOutputReceiver out) {
    List<GcEvent> ordered = new ArrayList<>();
    block.getValue().forEach(ordered::add);
    ordered.sort(Comparator.comparingLong(GcEvent::index));
    List<GenericRecord> eventRows = new ArrayList<>(ordered.size());
    List<GenericRecord> lifespanRows = new ArrayList<>();
    LifespanBuilder builder =
        new LifespanBuilder(
            rules,
            l -> lifespanRows.add(EventRows.lifespan(l, area)));
    for (GcEvent e : ordered) {
      int ending = builder.liveBlocks(e.startBlock());
      Action action = builder.apply(e);
      int site = rules.siteIndex(e.trace());
      if (frames != null && frames.contains(e.index())) {
        out.get(FRAME_EVENTS).output(KV.of(e.index(), FrameEvents.of(e, action, ending, site)));
      }
      eventRows.add(EventRows.event(e, action, site, area));
    }
    builder.finish();
    out.get(EVENTS).output(eventRows);
    if (!lifespanRows.isEmpty()) {
      out.get(LIFESPANS).output(lifespanRows);
    }
  }
}
