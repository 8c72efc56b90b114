package io.heapreel.model.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.heapreel.model.gclog.Frame;
import io.heapreel.model.lifespan.Lifespan;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes lifespans as gc_activity.py's {@code allocation_history.json}: a list of objects with
 * {@code start_block, size, start_trace, start_time, end_trace, end_time, end_cause}, frames as
 * {@code [pc, "file:line", function]}, so viewers made for that file read ours.
 *
 * <p>Differences, all deliberate: sweeps are {@code "sweep"} where gc_activity.py only knows the
 * old sweep function name and says {@code "free"}; frees of blocks allocated before the capture
 * began are not written (gc_activity.py writes them as allocations of size 0). As there, an
 * allocation alive at the end has {@code end_trace ""}, {@code end_time} = the number of events
 * and no {@code end_cause}.
 */
public final class AllocationHistoryWriter {
  private static final JsonFactory JSON = new JsonFactory();

  private final int pcDigits;

  /** {@code wordSize} sets how wide program counters are printed (gdb pads them to the word). */
  public AllocationHistoryWriter(int wordSize) {
    this.pcDigits = wordSize * 2;
  }

  /** {@code events}: how many events the log has (the end time of what is still alive). */
  public void write(List<Lifespan> lifespans, long events, OutputStream out) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartArray();
      for (Lifespan l : lifespans) {
        write(l, events, g);
      }
      g.writeEndArray();
    }
  }

  private void write(Lifespan l, long events, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeNumberField("start_block", l.startBlock());
    g.writeNumberField("size", l.blocks());
    g.writeFieldName("start_trace");
    trace(l.startTrace(), g);
    g.writeNumberField("start_time", l.startEvent());
    if (l.alive()) {
      g.writeStringField("end_trace", "");
      g.writeNumberField("end_time", events);
    } else {
      g.writeFieldName("end_trace");
      trace(l.endTrace(), g);
      g.writeNumberField("end_time", l.endEvent());
      g.writeStringField("end_cause", l.endCause().label());
    }
    g.writeEndObject();
  }

  private void trace(List<Frame> trace, JsonGenerator g) throws IOException {
    g.writeStartArray();
    for (Frame f : trace) {
      g.writeStartArray();
      g.writeString(pc(f));
      g.writeString(f.location());
      g.writeString(f.function());
      g.writeEndArray();
    }
    g.writeEndArray();
  }

  /** As gdb printed it, zero-padded to the word; {@code 0x0} for inlined frames, as gc_activity.py writes them. */
  String pc(Frame f) {
    if (f.inlined()) {
      return "0x0";
    }
    String hex = Long.toHexString(f.pc());
    return "0x" + "0".repeat(Math.max(0, pcDigits - hex.length())) + hex;
  }
}
