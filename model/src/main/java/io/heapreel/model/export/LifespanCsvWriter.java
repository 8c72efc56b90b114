package io.heapreel.model.export;

import io.heapreel.model.gclog.Frame;
import io.heapreel.model.heap.HeapLocation;
import io.heapreel.model.lifespan.Lifespan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * One CSV row per lifespan (RFC 4180 quoting). Columns: {@code start_block, address (empty when
 * the heap is not known), blocks, start_event, start_action, end_event (empty while alive),
 * end_cause (empty while alive), site_function, site_location, trace} with the trace as
 * {@code function@file:line} frames from #1 outwards, joined by {@code " < "}.
 */
public final class LifespanCsvWriter {
  public static final String HEADER =
      "start_block,address,blocks,start_event,start_action,end_event,end_cause,site_function,site_location,trace";

  private final HeapLocation area;

  /** {@code area} may be null: the address column stays empty. */
  public LifespanCsvWriter(HeapLocation area) {
    this.area = area;
  }

  public void write(List<Lifespan> lifespans, Writer out) {
    try {
      out.write(HEADER);
      out.write('\n');
      StringBuilder row = new StringBuilder(256);
      for (Lifespan l : lifespans) {
        row.setLength(0);
        Frame site = l.siteFrame();
        row.append(l.startBlock()).append(',')
            .append(area == null ? "" : String.format("0x%08x", l.address(area))).append(',')
            .append(l.blocks()).append(',')
            .append(l.startEvent()).append(',')
            .append(l.startAction().label()).append(',')
            .append(l.alive() ? "" : Long.toString(l.endEvent())).append(',')
            .append(l.alive() ? "" : l.endCause().label()).append(',')
            .append(quote(site == null ? "" : site.function())).append(',')
            .append(quote(site == null ? "" : site.location())).append(',')
            .append(quote(trace(l.startTrace()))).append('\n');
        out.append(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String trace(List<Frame> trace) {
    StringBuilder b = new StringBuilder();
    for (Frame f : trace) {
      if (b.length() > 0) {
        b.append(" < ");
      }
      b.append(f.function()).append('@').append(f.location());
    }
    return b.toString();
  }

  static String quote(String field) {
    boolean needs = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0;
    return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
  }
}
