package io.heapreel.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;

/**
 * The columns of a run's tables that the report needs, read once from {@code OUT/tables}. Rows keep
 * the tables' order (events by event, lifespans by allocation id, snapshots by snapshot).
 */
final class RunTables {
  // snapshots
  final IntColumn snapshot = new IntColumn();
  final IntColumn snapshotEvent = new IntColumn();
  final IntColumn used = new IntColumn();
  final IntColumn free = new IntColumn();
  final IntColumn largestFree = new IntColumn();
  final List<Double> fragmentation = new ArrayList<>();
  int totalBlocks;

  // events
  final Dictionary actions = new Dictionary();
  final Dictionary sites = new Dictionary();
  final IntColumn event = new IntColumn();
  final IntColumn eventAction = new IntColumn();
  final IntColumn eventBlock = new IntColumn();
  final IntColumn eventBlocks = new IntColumn();
  final IntColumn eventSite = new IntColumn();
  final IntColumn eventNode = new IntColumn();
  final CallTrie trie = new CallTrie();

  // lifespans
  final Dictionary types = new Dictionary();
  final IntColumn lifeStart = new IntColumn();
  /** -1 while still alive at the end of the capture. */
  final IntColumn lifeEnd = new IntColumn();
  /** 1 when a gc_free ended it: the snapshot of that event still shows it (CAPTURE.md: the hook runs before the free). */
  final IntColumn lifeFreed = new IntColumn();
  final IntColumn lifeBlock = new IntColumn();
  final IntColumn lifeBlocks = new IntColumn();
  final IntColumn lifeType = new IntColumn();
  final IntColumn lifeSite = new IntColumn();

  final List<CallSiteRow> callSites = new ArrayList<>();
  final List<ObjectRow> objects = new ArrayList<>();

  record CallSiteRow(String site, long allocations, long blocksAllocated, long blocksAliveAtEnd, long longestLifespanEvents, List<String> typesSeen) {}

  record ObjectRow(long snapshot, String type, int blocks, long address, String name, String preview) {}

  static RunTables read(Path tables) {
    RunTables t = new RunTables();
    // events (the longest) on a thread of their own, the rest here
    // with a call_tree table (the replay's), the events' traces need not be read: the tree and each
    // allocation's node are in it
    boolean tree = ParquetRows.hasFiles(tables.resolve(CALL_TREE));
    CompletableFuture<Void> log =
        CompletableFuture.runAsync(
            () -> ParquetColumns.read(tables.resolve("events"), tree ? EVENTS_WITHOUT_TRACE : EVENTS, r -> t.event(r, !tree)),
            runnable -> new Thread(runnable, "report-events").start());
    ParquetColumns.read(tables.resolve("snapshots"), SNAPSHOTS, t::snapshot);
    ParquetRows.read(tables.resolve("call_sites"), CALL_SITES, t::callSite);
    ParquetColumns.read(tables.resolve("objects"), OBJECTS, t::object);
    List<Key> lifeSites = new ArrayList<>();
    ParquetColumns.read(tables.resolve("lifespans"), LIFESPANS, r -> t.lifespan(r, lifeSites));
    try {
      log.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    if (tree) {
      t.callTree(tables.resolve(CALL_TREE));
    }
    // site ids are numbered as sites first appear, events before lifespans: named once the events are in
    for (Key site : lifeSites) {
      t.lifeSite.add(t.siteIds.computeIfAbsent(site, t::siteId));
    }
    return t;
  }

  int snapshots() {
    return snapshot.size();
  }

  private void snapshot(ParquetColumns.Row r) {
    snapshot.add(r.int64(0));
    snapshotEvent.add(r.int64(1));
    used.add(r.int32(2));
    free.add(r.int32(3));
    largestFree.add(r.int32(4));
    fragmentation.add(r.float64(6));
    totalBlocks = Math.max(totalBlocks, r.int32(5));
  }

  /** The current event's trace, innermost frame first. */
  private final List<CallPaths.Frame> trace = new ArrayList<>();

  /** @param traces whether the row has the trace's columns, from which the call tree is built */
  private void event(ParquetColumns.Row r, boolean traces) {
    event.add(r.int64(0));
    String action = r.string(1);
    eventAction.add(actions.id(action));
    eventBlock.add(r.int32(2));
    eventBlocks.add(r.int32(3));
    Key site = new Key(r.string(4), r.string(5), r.present(6) ? r.int32(6) : null);
    eventSite.add(siteIds.computeIfAbsent(site, this::siteId));
    if (!traces || (!action.equals("alloc") && !action.equals("realloc"))) {
      // only allocations start lifespans, and the call tree is made of theirs (or read from call_tree)
      eventNode.add(0);
      return;
    }
    trace.clear();
    if (r.present(7)) {
      do {
        trace.add(new CallPaths.Frame(r.string(7), r.string(8), r.present(9) ? r.int32(9) : null));
      } while (r.nextInRow(7) & r.nextInRow(8) & r.nextInRow(9)); // all three, element by element
    }
    eventNode.add(paths.add(trace, new CallPaths.Frame(site.function(), site.file(), site.line())));
  }

  /**
   * The call tree from the {@code call_tree} table, its nodes in order, and each allocation's node
   * set on its event's row (the events read already).
   */
  private void callTree(Path folder) {
    int[] events = event.toArray();
    ParquetColumns.read(folder, CALL_TREE_COLUMNS, r -> {
      int node = r.int32(0);
      if (node > 0 && trie.addChild(r.int32(1), r.string(2)) != node) {
        throw new IllegalArgumentException("node " + node + " out of order");
      }
      if (r.present(3)) {
        do {
          int row = Arrays.binarySearch(events, Math.toIntExact(r.int64(3)));
          if (row < 0) {
            throw new IllegalArgumentException("allocation " + r.int64(3) + " of node " + node + " is no event");
          }
          eventNode.set(row, node);
        } while (r.nextInRow(3));
      }
    });
  }

  /** A site or a frame by its column values, so that each distinct one is named only once. */
  private record Key(String function, String file, Integer line) {}

  private final CallPaths paths = new CallPaths(trie);
  private final Map<Key, Integer> siteIds = new HashMap<>();

  private void lifespan(ParquetColumns.Row r, List<Key> lifeSites) {
    lifeStart.add(r.int64(2));
    lifeEnd.add(r.present(3) ? r.int64(3) : -1);
    lifeFreed.add("free".equals(r.string(4)) ? 1 : 0);
    lifeBlock.add(r.int32(0));
    lifeBlocks.add(r.int32(1));
    String type = r.string(8);
    lifeType.add(types.id(type == null ? "(untyped)" : type));
    lifeSites.add(new Key(r.string(5), r.string(6), r.present(7) ? r.int32(7) : null));
  }

  private int siteId(Key site) {
    return sites.id(site(site.function(), site.file(), site.line()));
  }

  private void callSite(GenericRecord r) {
    @SuppressWarnings("unchecked")
    List<Object> seen = (List<Object>) r.get("types_seen");
    callSites.add(
        new CallSiteRow(
            site(r), (Long) r.get("allocations"), (Long) r.get("blocks_allocated"), (Long) r.get("blocks_alive_at_end"),
            (Long) r.get("longest_lifespan_events"), seen.stream().map(Object::toString).toList()));
  }

  private void object(ParquetColumns.Row r) {
    String type = r.string(3);
    String role = r.string(4);
    // the type, and for raw memory its role ("raw:bytecode"), as the lifespans table names types
    type = type == null ? "(untyped)" : "raw".equals(type) && role != null ? "raw:" + role : type;
    objects.add(new ObjectRow(r.int64(0), type, r.int32(2), r.int64(1), r.string(5), r.string(6)));
  }

  /** "function (file:line)", as the call-sites table names a site; "(no site)" for an event without one. */
  static String site(GenericRecord r) {
    return site(r.get("site_function"), r.get("site_file"), r.get("site_line"));
  }

  private static String site(Object function, Object file, Object line) {
    if (function == null) {
      return "(no site)";
    }
    return function + " (" + (file == null ? "?" : file) + (line == null ? "" : ":" + line) + ")";
  }

  private static final List<String> SNAPSHOTS =
      List.of("snapshot", "event", "allocated_blocks", "free_blocks", "largest_free_blocks", "total_blocks", "fragmentation");
  private static final List<String> EVENTS =
      List.of("event", "action", "start_block", "blocks", "site_function", "site_file", "site_line",
          "trace.array.function", "trace.array.file", "trace.array.line");
  private static final List<String> EVENTS_WITHOUT_TRACE = EVENTS.subList(0, 7);
  private static final String CALL_TREE = "call_tree";
  private static final List<String> CALL_TREE_COLUMNS = List.of("node", "parent", "frame", "allocation_ids.array");
  private static final List<String> LIFESPANS =
      List.of("start_block", "blocks", "start_event", "end_event", "end_cause", "site_function", "site_file", "site_line", "type");
  private static final Schema CALL_SITES =
      SchemaBuilder.record("call_site").namespace("io.heapreel").fields()
          .optionalString("site_function").optionalString("site_file").optionalInt("site_line")
          .requiredLong("allocations").requiredLong("blocks_allocated").requiredLong("blocks_alive_at_end")
          .requiredLong("longest_lifespan_events")
          .name("types_seen").type().array().items().stringType().noDefault().endRecord();
  private static final List<String> OBJECTS = List.of("snapshot", "address", "blocks", "type", "role", "name", "preview");
}
