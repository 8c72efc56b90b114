package io.heapreel.model.export;

import io.heapreel.model.gclog.Frame;
import io.heapreel.model.gclog.GcEvent;
import io.heapreel.model.gclog.Damage;
import io.heapreel.model.gclog.GcLogListener;
import io.heapreel.model.gclog.ParseAhead;
import io.heapreel.model.gclog.Preamble;
import io.heapreel.model.gclog.LogSummary;
import io.heapreel.model.heap.HeapLocation;
import io.heapreel.model.lifespan.Action;
import io.heapreel.model.lifespan.Lifespan;
import io.heapreel.model.lifespan.LiveAllocations;
import io.heapreel.model.lifespan.LogReplayer;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.types.Role;
import io.heapreel.model.objects.HeapObject;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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
 *
 * <p>Built as the log is replayed ({@link History}, fed the allocations in event order): memory holds
 * the latest allocation at each heap block and the call paths, not the log's lifespans, and one
 * replay gives the allocations of any number of snapshots. Immutable and serializable, so a
 * pipeline's replay can hand it on.
 */
public final class LogAllocations implements AllocationIds, AllocationSites, Serializable {
  private static final long serialVersionUID = 1L;
  static final String ROOT_FUNCTION = "(root)";

  private final HeapLocation heap;
  private final long unloggedBase;
  /** The latest allocation started at each head address by the snapshot's event. */
  private final Map<Long, Started> atAddress;
  private final AllocationTraces traces;

  /** An allocation as the export sees it: its key, its start trace and site, its trace node (0: none). */
  private record Started(long key, int blocks, List<Frame> trace, int site, long traceNode) implements Serializable {}

  private LogAllocations(HeapLocation heap, long records, Map<Long, Started> atAddress, AllocationTraces traces) {
    this.heap = heap;
    this.unloggedBase = records;
    this.atAddress = atAddress;
    this.traces = traces;
  }

  /** @param records the number of log records (events): keys of unlogged objects start there */
  public LogAllocations(List<Lifespan> lifespans, long records, long snapshot, HeapLocation heap) {
    this(heap, records, of(lifespans, snapshot, heap));
  }

  private LogAllocations(HeapLocation heap, long records, LogAllocations built) {
    this(heap, records, built.atAddress, built.traces);
  }

  private static LogAllocations of(List<Lifespan> lifespans, long snapshot, HeapLocation heap) {
    List<Lifespan> started = new ArrayList<>();
    for (Lifespan l : lifespans) {
      if (l.startEvent() <= snapshot) {
        started.add(l);
      }
    }
    started.sort(Comparator.comparingLong(Lifespan::startEvent));
    History history = new History(heap);
    for (Lifespan l : started) {
      history.started(l.startEvent(), l.startAction(), l.startBlock(), l.blocks(), l.startTrace(), l.site());
    }
    return history.at(0);
  }

  /**
   * The allocations of chosen snapshots from one replay of a log, what the log held, and the
   * chosen snapshots' own events (for checking each against its dump without reading the log again).
   */
  public record Read(Map<Long, LogAllocations> bySnapshot, LogSummary summary, Map<Long, GcEvent> events) {}

  /** Parsed callbacks the parser thread may be ahead of the replay. */
  private static final int PARSED_AHEAD = 1024;

  /**
   * Replays {@code log} once ({@link LogReplayer}) for the allocations of each of {@code snapshots}
   * (a snapshot past the log's last event gets those of its end); the parse runs on a thread of its
   * own ({@link ParseAhead}), overlapping the replay, which stops at the last chosen snapshot.
   */
  public static Read read(Path log, SiteRules rules, HeapLocation heap, Collection<Long> snapshots) {
    Set<Long> wanted = new TreeSet<>(snapshots);
    Recorder recorder = new Recorder(heap, wanted);
    GcLogListener replay = LogReplayer.untyped(rules, s -> false, recorder);
    Map<Long, GcEvent> events = new HashMap<>();
    LogSummary summary = ParseAhead.parse(log, new GcLogListener() {
      @Override
      public void preamble(Preamble preamble) {
        replay.preamble(preamble);
      }

      @Override
      public void event(GcEvent event) {
        if (wanted.contains(event.index())) {
          events.put(event.index(), event);
        }
        if (!recorder.done()) {
          replay.event(event); // past the last chosen snapshot the log is parsed for its summary alone
        }
      }

      @Override
      public void damage(Damage damage) {
        replay.damage(damage);
      }

      @Override
      public void end(LogSummary s) {
        replay.end(s);
      }
    }, PARSED_AHEAD);
    return new Read(recorder.bySnapshot, summary, Map.copyOf(events));
  }

  /**
   * Keeps a {@link History} of a replay and the allocations of the chosen snapshots: a
   * {@link LogReplayer.Listener} for any replay of the log (the pipeline's too).
   */
  public static final class Recorder implements LogReplayer.Listener {
    private final History history;
    /** Chosen snapshots not reached yet, in order. */
    private final TreeSet<Long> pending;
    private final Map<Long, LogAllocations> bySnapshot = new TreeMap<>();

    public Recorder(HeapLocation heap, Set<Long> wanted) {
      this.history = new History(heap);
      this.pending = new TreeSet<>(wanted);
    }

    @Override
    public void event(GcEvent event, Action action, int site, int endingBlocks, LiveAllocations shown) {
      // a chosen snapshot whose record was skipped shows what the events before it started
      while (!pending.isEmpty() && pending.first() < event.index()) {
        bySnapshot.put(pending.pollFirst(), history.at(0));
      }
      history.event(event, action, site);
      if (!pending.isEmpty() && pending.first() == event.index()) {
        bySnapshot.put(pending.pollFirst(), history.at(0));
      }
    }

    @Override
    public void end(LogSummary summary) {
      while (!pending.isEmpty()) {
        bySnapshot.put(pending.pollFirst(), history.at(0));
      }
      bySnapshot.replaceAll((s, a) -> new LogAllocations(a.heap, summary.records(), a.atAddress, a.traces));
    }

    /** Whether every chosen snapshot has been reached: later events change none of their allocations. */
    public boolean done() {
      return pending.isEmpty();
    }

    /** The allocations of each chosen snapshot, once the log has ended. */
    public Map<Long, LogAllocations> bySnapshot() {
      return bySnapshot;
    }
  }

  /** The role the allocation site of the allocation at {@code address} gives, or {@link Role#UNKNOWN}. */
  public Role siteRole(long address, SiteRules rules) {
    Started l = atAddress.get(address);
    return l == null ? Role.UNKNOWN : rules.siteRole(l.trace(), l.site());
  }

  @Override
  public long keyOf(HeapObject object) {
    Started l = atAddress.get(object.address());
    if (l != null && l.blocks() > 0) {
      return l.key();
    }
    return unloggedBase + heap.blockOf(object.address()) - heap.lowestHeapBlock();
  }

  @Override
  public Optional<AllocationTraces> traces() {
    return Optional.of(traces);
  }

  @Override
  public long traceNodeOf(HeapObject object) {
    Started l = atAddress.get(object.address());
    return l == null ? 0 : l.traceNode();
  }

  /**
   * The allocations of the log as it is replayed, in event order: the latest one started at each
   * heap block, with its key (the allocating event; a realloc in place keeps the key of the
   * allocation it resized), and the call paths they were made along. Not thread-safe.
   */
  public static final class History {
    private final HeapLocation heap;
    private final Map<Integer, Open> atBlock = new HashMap<>();
    private final List<TraceFunction> functions = new ArrayList<>(List.of(new TraceFunction(ROOT_FUNCTION, "", 0, 0, 0)));
    private final Map<String, Integer> functionIndex = new HashMap<>();
    private final Map<String, Integer> scriptIds = new HashMap<>();
    private final Building root = new Building(0);

    private record Open(long key, int blocks, List<Frame> trace, int site, Building leaf) {}

    public History(HeapLocation heap) {
      this.heap = heap;
    }

    /** One replayed event: an alloc or realloc starts an allocation at its block; other actions change nothing here. */
    public void event(GcEvent event, Action action, int site) {
      if (action == Action.ALLOC || action == Action.REALLOC) {
        started(event.index(), action, event.startBlock(), event.length(), event.trace(), site);
      }
    }

    void started(long event, Action action, int block, int blocks, List<Frame> trace, int site) {
      Open resized = action == Action.REALLOC ? atBlock.get(block) : null;
      long key = resized != null ? resized.key() : event;
      Building leaf = null;
      if (site >= 0) {
        leaf = root;
        for (int f = trace.size() - 1; f >= site; f--) {
          leaf = leaf.children.computeIfAbsent(function(trace.get(f)), Building::new);
        }
        leaf.count++;
        leaf.size += (long) blocks * heap.bytesPerBlock();
      }
      atBlock.put(block, new Open(key, blocks, trace, site, leaf));
    }

    /**
     * The allocations a snapshot whose event was the last one given shows.
     *
     * @param records the number of log records (events): keys of unlogged objects start there
     */
    public LogAllocations at(long records) {
      Map<Building, Long> ids = new IdentityHashMap<>();
      number(root, new long[] {1}, ids);
      Map<Long, Started> atAddress = new HashMap<>();
      atBlock.forEach((block, o) -> atAddress.put(heap.blockAddress(block),
          new Started(o.key(), o.blocks(), o.trace(), o.site(), o.leaf() == null ? 0 : ids.get(o.leaf()))));
      return new LogAllocations(heap, records, atAddress, new AllocationTraces(functions, freeze(root)));
    }

    private int function(Frame frame) {
      String file = frame.file() == null ? (frame.library() == null ? "" : frame.library()) : frame.file();
      String key = frame.function() + "\u0000" + file + "\u0000" + frame.line();
      return functionIndex.computeIfAbsent(key, k -> {
        int scriptId = scriptIds.computeIfAbsent(file, f -> scriptIds.size() + 1);
        functions.add(new TraceFunction(frame.function(), file, scriptId, frame.line(), 0));
        return functions.size() - 1;
      });
    }
  }

  /** A trace tree node while the tree is built. */
  private static final class Building {
    final int function;
    final Map<Integer, Building> children = new LinkedHashMap<>();
    long count;
    long size;

    Building(int function) {
      this.function = function;
    }
  }

  private static void number(Building node, long[] next, Map<Building, Long> ids) {
    ids.put(node, next[0]++);
    for (Building child : node.children.values()) {
      number(child, next, ids);
    }
  }

  private static TraceNode freeze(Building node) {
    return freeze(node, new long[] {1});
  }

  private static TraceNode freeze(Building node, long[] next) {
    long id = next[0]++;
    List<TraceNode> children = new ArrayList<>(node.children.size());
    for (Building child : node.children.values()) {
      children.add(freeze(child, next));
    }
    return new TraceNode(id, node.function, node.count, node.size, children);
  }
}
