package io.heapreel.pipeline;

import io.heapreel.model.gclog.Frame;
import io.heapreel.model.gclog.GcEvent;
import io.heapreel.report.CallPaths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The {@code call_tree} rows: each allocation's call path added as the replay meets it, in event
 * order, so that the nodes are numbered as the report numbers them from the {@code events} table
 * ({@link CallPaths} is the one rule for both); all rows in one batch at the end (a tree has a few
 * thousand nodes). The replay holds every event's frames already, so the report need not read the
 * traces back. Not thread-safe.
 */
final class CallTreeRows {
  private static final int FRAMES_KEPT = 1 << 16;

  private final CallPaths paths = new CallPaths();
  /**
   * The frames as the tables hold them, by the parser's frame object (one per frame line: a frame
   * with other arguments is another object), one object for equal frames.
   */
  private final Map<Frame, CallPaths.Frame> frames = new IdentityHashMap<>();
  private final Map<CallPaths.Frame, CallPaths.Frame> distinct = new HashMap<>();
  /** The allocations whose path ends at each node, by node. */
  private final List<List<Long>> allocations = new ArrayList<>(List.of(new ArrayList<>()));
  private final List<CallPaths.Frame> trace = new ArrayList<>();
  /**
   * The node of each trace met so far, by its frames: allocations made through the same code have
   * the same trace (47 distinct traces among the 55,645 allocations of the 8 GB bench capture), so
   * most find their node by one look-up.
   */
  private final Map<Trace, Integer> nodes = new HashMap<>();

  /**
   * An allocation (an alloc or realloc event) and its allocation site.
   *
   * @param site the site's index in the event's trace, or -1 for none
   */
  void allocation(GcEvent e, int site) {
    trace.clear();
    for (Frame f : e.trace()) {
      trace.add(frame(f));
    }
    Trace key = new Trace(trace, site);
    Integer known = nodes.get(key);
    int node;
    if (known != null) {
      node = known;
    } else {
      node = paths.add(trace, site < 0 ? null : trace.get(site));
      if (nodes.size() >= FRAMES_KEPT) {
        nodes.clear();
      }
      nodes.put(key, node);
    }
    while (allocations.size() < paths.nodes()) {
      allocations.add(new ArrayList<>());
    }
    allocations.get(node).add(e.index());
  }

  /** The rows in node order. */
  List<GenericRecord> rows() {
    List<GenericRecord> rows = new ArrayList<>(paths.nodes());
    for (int node = 0; node < paths.nodes(); node++) {
      GenericRecord r = new GenericData.Record(Table.CALL_TREE.schema());
      r.put("node", node);
      r.put("parent", node == 0 ? null : paths.parent(node));
      r.put("frame", paths.frame(node));
      r.put("allocation_ids", node < allocations.size() ? allocations.get(node) : List.of());
      rows.add(r);
    }
    return rows;
  }

  /** A trace and its site's index, equal to another of the same frames (one object for equal frames: compared by identity). */
  private static final class Trace {
    private final CallPaths.Frame[] frames;
    private final int site;
    private final int hash;

    Trace(List<CallPaths.Frame> frames, int site) {
      this.frames = frames.toArray(new CallPaths.Frame[0]);
      this.site = site;
      int h = site;
      for (CallPaths.Frame f : this.frames) {
        h = 31 * h + System.identityHashCode(f);
      }
      this.hash = h;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Trace t) || t.hash != hash || t.site != site || t.frames.length != frames.length) {
        return false;
      }
      for (int i = 0; i < frames.length; i++) {
        if (t.frames[i] != frames[i]) {
          return false;
        }
      }
      return true;
    }
  }

  /** A frame as the {@code events} table holds it: no line without a file. */
  private CallPaths.Frame frame(Frame f) {
    CallPaths.Frame known = frames.get(f);
    if (known == null) {
      CallPaths.Frame frame = new CallPaths.Frame(f.function(), f.file(), f.file() == null ? null : f.line());
      known = distinct.computeIfAbsent(frame, k -> k);
      if (frames.size() >= FRAMES_KEPT) {
        frames.clear();
      }
      frames.put(f, known);
    }
    return known;
  }
}
