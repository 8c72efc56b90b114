package io.heapreel.pipeline;

import io.heapreel.model.gclog.Frame;
import io.heapreel.model.gclog.GcEvent;
import io.heapreel.model.heap.HeapLocation;
import io.heapreel.model.lifespan.Action;
import io.heapreel.model.lifespan.Lifespan;
import io.heapreel.model.types.TypeSource;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Rows of the {@code events} and {@code lifespans} tables from the model's events and lifespans,
 * start blocks as heap blocks of {@code heap}. Strings go in as {@link AvroStrings}, trace frames as
 * rows made once per frame object: not thread-safe, one instance per thread that makes rows.
 */
final class EventRows {
  private final HeapLocation area;
  private static final int FRAMES_KEPT = 1 << 16;

  private final AvroStrings strings = new AvroStrings();
  private final Map<Frame, GenericRecord> frames = new IdentityHashMap<>();

  EventRows(HeapLocation heap) {
    this.area = heap;
  }

  GenericRecord event(GcEvent e, Action action, int site) {
    GenericRecord r = new GenericData.Record(Table.EVENTS.schema());
    r.put("event", e.index());
    r.put("action", strings.of(action.label()));
    r.put("start_block", e.startBlock());
    r.put("address", area.blockAddress(e.startBlock()));
    r.put("blocks", e.length());
    r.put("bytes", (long) e.length() * area.bytesPerBlock());
    putSite(r, site < 0 ? null : e.trace().get(site));
    List<GenericRecord> trace = new ArrayList<>(e.trace().size());
    for (Frame f : e.trace()) {
      trace.add(frame(f));
    }
    r.put("trace", trace);
    r.put("log_line", e.line());
    r.put("damaged", e.damaged());
    return r;
  }

  /**
   * The row of a trace frame: made once for each frame object, as the log's parser hands out the
   * same object for the same frame line, and shared by every event row whose trace holds it (rows are
   * not changed once made).
   */
  private GenericRecord frame(Frame f) {
    GenericRecord frame = frames.get(f);
    if (frame == null) {
      frame = new GenericData.Record(Table.Tables.FRAME);
      frame.put("pc", f.inlined() ? null : f.pc());
      frame.put("function", strings.of(f.function()));
      frame.put("file", strings.of(f.file()));
      frame.put("line", f.file() == null ? null : f.line());
      if (frames.size() >= FRAMES_KEPT) {
        frames.clear();
      }
      frames.put(f, frame);
    }
    return frame;
  }

  /**
   * @param type the lifespan's type, or null when unknown
   * @param source where the type came from, or null
   */
  GenericRecord lifespan(Lifespan l, String type, TypeSource source) {
    GenericRecord r = new GenericData.Record(Table.LIFESPANS.schema());
    r.put("allocation_id", l.startEvent());
    r.put("start_block", l.startBlock());
    r.put("address", l.address(area));
    r.put("blocks", l.blocks());
    r.put("bytes", (long) l.blocks() * area.bytesPerBlock());
    r.put("start_event", l.startEvent());
    r.put("start_action", strings.of(l.startAction().label()));
    r.put("end_event", l.alive() ? null : l.endEvent());
    r.put("end_cause", l.alive() ? null : strings.of(l.endCause().label()));
    putSite(r, l.siteFrame());
    r.put("type", strings.of(type));
    r.put("type_source", source == null ? null : strings.of(source.label()));
    return r;
  }

  private void putSite(GenericRecord r, Frame site) {
    r.put("site_function", site == null ? null : strings.of(site.function()));
    r.put("site_file", site == null ? null : strings.of(site.file()));
    r.put("site_line", site == null || site.file() == null ? null : site.line());
  }
}
