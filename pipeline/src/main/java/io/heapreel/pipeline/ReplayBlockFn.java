package io.heapreel.pipeline;

import io.heapreel.model.gclog.GcEvent;
import io.heapreel.model.heap.HeapArea;
import io.heapreel.model.lifespan.Action;
import io.heapreel.model.lifespan.LifespanBuilder;
import io.heapreel.model.lifespan.SiteRules;
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

  private final SiteRules rules;
  private final HeapArea area;
  private final long events;

  /** @param events events in the capture, for the lifespans still alive at the end */
  ReplayBlockFn(SiteRules rules, HeapArea area, long events) {
    this.rules = rules;
    this.area = area;
    this.events = events;
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
      Action action = builder.apply(e);
      eventRows.add(EventRows.event(e, action, rules.siteIndex(e.trace()), area));
    }
    builder.finish();
    out.get(EVENTS).output(eventRows);
    if (!lifespanRows.isEmpty()) {
      out.get(LIFESPANS).output(lifespanRows);
    }
  }
}
