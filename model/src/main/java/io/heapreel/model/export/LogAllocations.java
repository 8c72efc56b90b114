package io.heapreel.model.export;

import io.heapreel.model.gclog.Frame;
import io.heapreel.model.heap.HeapLocation;
import io.heapreel.model.lifespan.Action;
import io.heapreel.model.lifespan.Lifespan;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.types.Role;
import io.heapreel.model.objects.HeapObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Allocation identity and allocation stacks from the log's lifespans (branch gclog's replay), for
 * one snapshot.
 *
 * <p>Identity: an allocation's key is the event that allocated it; a realloc in place (a lifespan
 * started by REALLOC at the block where one ended by REALLOC at the same event) keeps the key of
 * the allocation it resized, so Comparison sees one object growing, not one freed and one new.
 * The object at a head block in snapshot {@code i} is the latest allocation started at that block
 * by event {@code i}, whatever the timing rule of its end. Objects the log never allocated (made
 * before logging started) get keys after all events, by head block.
 *
 * <p>Stacks: each allocation's trace from its site (the first frame outside the allocator) out to
 * the outermost frame becomes a path of the trace tree; a trace function is one call site
 * (function, file, line), so DevTools' stack shows the exact line of every frame. A tree node's
 * count and size are all allocations made along that path up to the snapshot (dead ones too);
 * DevTools adds the live figures from the snapshot's own nodes.
 */
public final class LogAllocations implements AllocationIds, AllocationSites {
  static final String ROOT_FUNCTION = "(root)";

  private final HeapLocation area;
  private final long unloggedBase;
  private final Map<Long, Lifespan> atAddress = new HashMap<>();
  private final Map<Lifespan, Long> keys = new IdentityHashMap<>();
  private final Map<Lifespan, Long> traceNode = new IdentityHashMap<>();
  private final AllocationTraces traces;

  /** @param records the number of log records (events): keys of unlogged objects start there */
  public LogAllocations(List<Lifespan> lifespans, long records, long snapshot, HeapLocation area) {
    this.area = area;
    this.unloggedBase = records;
    List<Lifespan> started = new ArrayList<>();
    for (Lifespan l : lifespans) {
      if (l.startEvent() <= snapshot) {
        started.add(l);
      }
    }
    started.sort(Comparator.comparingLong(Lifespan::startEvent));
    Map<String, Long> resizedKey = new HashMap<>();
    for (Lifespan l : started) {
      Long inherited = l.startAction() == Action.REALLOC ? resizedKey.get(l.startBlock() + "@" + l.startEvent()) : null;
      long key = inherited != null ? inherited : l.startEvent();
      keys.put(l, key);
      if (l.endCause() == Action.REALLOC) {
        resizedKey.put(l.startBlock() + "@" + l.endEvent(), key);
      }
      atAddress.put(l.address(area), l);
    }
    this.traces = buildTree(started, area.bytesPerBlock());
  }

  /** The role the allocation site of the allocation at {@code address} gives, or {@link Role#UNKNOWN}. */
  public Role siteRole(long address, SiteRules rules) {
    Lifespan l = atAddress.get(address);
    return l == null ? Role.UNKNOWN : rules.siteRole(l.startTrace(), l.site());
  }

  @Override
  public long keyOf(HeapObject object) {
    Lifespan l = atAddress.get(object.address());
    if (l != null && l.blocks() > 0) {
      return keys.get(l);
    }
    return unloggedBase + area.blockOf(object.address());
  }

  @Override
  public Optional<AllocationTraces> traces() {
    return Optional.of(traces);
  }

  @Override
  public long traceNodeOf(HeapObject object) {
    Lifespan l = atAddress.get(object.address());
    return l == null ? 0 : traceNode.getOrDefault(l, 0L);
  }

  /** A trace tree node while the tree is built. */
  private static final class Building {
    final int function;
    final Map<Integer, Building> children = new LinkedHashMap<>();
    long count;
    long size;
    long id;

    Building(int function) {
      this.function = function;
    }
  }

  private AllocationTraces buildTree(List<Lifespan> started, int bytesPerBlock) {
    List<TraceFunction> functions = new ArrayList<>(List.of(new TraceFunction(ROOT_FUNCTION, "", 0, 0, 0)));
    Map<String, Integer> functionIndex = new HashMap<>();
    Map<String, Integer> scriptIds = new HashMap<>();
    Building root = new Building(0);
    Map<Lifespan, Building> leafOf = new IdentityHashMap<>();
    for (Lifespan l : started) {
      if (l.site() < 0) {
        continue;
      }
      Building node = root;
      List<Frame> trace = l.startTrace();
      for (int f = trace.size() - 1; f >= l.site(); f--) {
        int fi = function(trace.get(f), functions, functionIndex, scriptIds);
        node = node.children.computeIfAbsent(fi, Building::new);
      }
      node.count++;
      node.size += (long) l.blocks() * bytesPerBlock;
      leafOf.put(l, node);
    }
    number(root, new long[] {1});
    leafOf.forEach((l, node) -> traceNode.put(l, node.id));
    return new AllocationTraces(functions, freeze(root));
  }

  private static int function(Frame frame, List<TraceFunction> functions, Map<String, Integer> index, Map<String, Integer> scriptIds) {
    String file = frame.file() == null ? (frame.library() == null ? "" : frame.library()) : frame.file();
    String key = frame.function() + "\u0000" + file + "\u0000" + frame.line();
    return index.computeIfAbsent(key, k -> {
      int scriptId = scriptIds.computeIfAbsent(file, f -> scriptIds.size() + 1);
      functions.add(new TraceFunction(frame.function(), file, scriptId, frame.line(), 0));
      return functions.size() - 1;
    });
  }

  private static void number(Building node, long[] next) {
    node.id = next[0]++;
    for (Building child : node.children.values()) {
      number(child, next);
    }
  }

  private static TraceNode freeze(Building node) {
    List<TraceNode> children = new ArrayList<>(node.children.size());
    for (Building child : node.children.values()) {
      children.add(freeze(child));
    }
    return new TraceNode(node.id, node.function, node.count, node.size, children);
  }
}
