package io.heapreel.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
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
    // events and lifespans (which share the site dictionary) on a thread of their own, the rest here
    CompletableFuture<Void> log = CompletableFuture.runAsync(() -> {
      ParquetRows.read(tables.resolve("events"), EVENTS, t::event);
      ParquetRows.read(tables.resolve("lifespans"), LIFESPANS, t::lifespan);
    }, runnable -> new Thread(runnable, "report-log-tables").start());
    ParquetRows.read(tables.resolve("snapshots"), SNAPSHOTS, t::snapshot);
    ParquetRows.read(tables.resolve("call_sites"), CALL_SITES, t::callSite);
    ParquetRows.read(tables.resolve("objects"), OBJECTS, t::object);
    try {
      log.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    return t;
  }

  int snapshots() {
    return snapshot.size();
  }

  private void snapshot(GenericRecord r) {
    snapshot.add((Long) r.get("snapshot"));
    snapshotEvent.add((Long) r.get("event"));
    used.add((Integer) r.get("allocated_blocks"));
    free.add((Integer) r.get("free_blocks"));
    largestFree.add((Integer) r.get("largest_free_blocks"));
    fragmentation.add((Double) r.get("fragmentation"));
    totalBlocks = Math.max(totalBlocks, (Integer) r.get("total_blocks"));
  }

  private void event(GenericRecord r) {
    event.add((Long) r.get("event"));
    String action = r.get("action").toString();
    eventAction.add(actions.id(action));
    eventBlock.add((Integer) r.get("start_block"));
    eventBlocks.add((Integer) r.get("blocks"));
    eventSite.add(siteId(r));
    if (!action.equals("alloc") && !action.equals("realloc")) {
      // only allocations start lifespans, and the call tree is made of theirs
      eventNode.add(0);
      return;
    }
    @SuppressWarnings("unchecked")
    List<GenericRecord> trace = (List<GenericRecord>) r.get("trace");
    int site = siteFrame(trace, r);
    int[] frames = new int[trace.size() - site];
    for (int i = trace.size() - 1, k = 0; i >= site; i--, k++) {
      frames[k] = frameId(trace.get(i));
    }
    eventNode.add(trie.add(frames));
  }

  /**
   * Sites and frames by their column values: the same string values come back as the same Avro
   * objects from a column's dictionary, so each distinct frame is named only once.
   */
  private record Key(Object function, Object file, Object line) {}

  private final Map<Key, Integer> frameIds = new HashMap<>();
  private final Map<Key, Integer> siteIds = new HashMap<>();

  private int frameId(GenericRecord f) {
    return frameIds.computeIfAbsent(new Key(f.get("function"), f.get("file"), f.get("line")), k -> trie.frameId(frame(f)));
  }

  private int siteId(GenericRecord r) {
    return siteIds.computeIfAbsent(new Key(r.get("site_function"), r.get("site_file"), r.get("site_line")), k -> sites.id(site(r)));
  }

  private void lifespan(GenericRecord r) {
    lifeStart.add((Long) r.get("start_event"));
    Object end = r.get("end_event");
    lifeEnd.add(end == null ? -1 : (Long) end);
    Object cause = r.get("end_cause");
    lifeFreed.add(cause != null && cause.toString().equals("free") ? 1 : 0);
    lifeBlock.add((Integer) r.get("start_block"));
    lifeBlocks.add((Integer) r.get("blocks"));
    Object type = r.get("type");
    lifeType.add(types.id(type == null ? "(untyped)" : type.toString()));
    lifeSite.add(siteId(r));
  }

  private void callSite(GenericRecord r) {
    @SuppressWarnings("unchecked")
    List<Object> seen = (List<Object>) r.get("types_seen");
    callSites.add(
        new CallSiteRow(
            site(r), (Long) r.get("allocations"), (Long) r.get("blocks_allocated"), (Long) r.get("blocks_alive_at_end"),
            (Long) r.get("longest_lifespan_events"), seen.stream().map(Object::toString).toList()));
  }

  private void object(GenericRecord r) {
    objects.add(
        new ObjectRow(
            (Long) r.get("snapshot"), objectType(r), (Integer) r.get("blocks"), (Long) r.get("address"),
            text(r.get("name"), null), text(r.get("preview"), null)));
  }

  /** The type, and for raw memory its role ("raw:bytecode"), as the lifespans table names types. */
  private static String objectType(GenericRecord r) {
    String type = text(r.get("type"), "(untyped)");
    Object role = r.get("role");
    return type.equals("raw") && role != null ? "raw:" + role : type;
  }

  private static String text(Object value, String absent) {
    return value == null ? absent : value.toString();
  }

  /** "function (file:line)", as the call-sites table names a site; "(no site)" for an event without one. */
  static String site(GenericRecord r) {
    Object function = r.get("site_function");
    if (function == null) {
      return "(no site)";
    }
    Object file = r.get("site_file");
    Object line = r.get("site_line");
    return function + " (" + (file == null ? "?" : file) + (line == null ? "" : ":" + line) + ")";
  }

  /**
   * The allocation site's frame in the trace (innermost first): the allocator's own frames below it
   * are folded into it, as {@code heapreel tree} and gc_activity.py show the tree. 0 when no frame is the site.
   */
  private static int siteFrame(List<GenericRecord> trace, GenericRecord event) {
    Object function = event.get("site_function");
    if (function == null) {
      return 0;
    }
    Object line = event.get("site_line");
    for (int i = 0; i < trace.size(); i++) {
      GenericRecord f = trace.get(i);
      if (function.equals(f.get("function")) && Objects.equals(f.get("line"), line)) {
        return i;
      }
    }
    return 0;
  }

  private static String frame(GenericRecord f) {
    Object file = f.get("file");
    Object line = f.get("line");
    return f.get("function") + (file == null ? "" : " (" + file + (line == null ? "" : ":" + line) + ")");
  }

  private static final Schema FRAME =
      SchemaBuilder.record("frame").namespace("io.heapreel").fields()
          .requiredString("function").optionalString("file").optionalInt("line").endRecord();
  private static final Schema SNAPSHOTS =
      SchemaBuilder.record("snapshot").namespace("io.heapreel").fields()
          .requiredLong("snapshot").requiredLong("event").requiredInt("allocated_blocks").requiredInt("free_blocks")
          .requiredInt("largest_free_blocks").requiredInt("total_blocks").requiredDouble("fragmentation").endRecord();
  private static final Schema EVENTS =
      SchemaBuilder.record("event").namespace("io.heapreel").fields()
          .requiredLong("event").requiredString("action").requiredInt("start_block").requiredInt("blocks")
          .optionalString("site_function").optionalString("site_file").optionalInt("site_line")
          .name("trace").type().array().items(FRAME).noDefault().endRecord();
  private static final Schema LIFESPANS =
      SchemaBuilder.record("lifespan").namespace("io.heapreel").fields()
          .requiredInt("start_block").requiredInt("blocks").requiredLong("start_event").optionalLong("end_event").optionalString("end_cause")
          .optionalString("site_function").optionalString("site_file").optionalInt("site_line").optionalString("type").endRecord();
  private static final Schema CALL_SITES =
      SchemaBuilder.record("call_site").namespace("io.heapreel").fields()
          .optionalString("site_function").optionalString("site_file").optionalInt("site_line")
          .requiredLong("allocations").requiredLong("blocks_allocated").requiredLong("blocks_alive_at_end")
          .requiredLong("longest_lifespan_events")
          .name("types_seen").type().array().items().stringType().noDefault().endRecord();
  private static final Schema OBJECTS =
      SchemaBuilder.record("object").namespace("io.heapreel").fields()
          .requiredLong("snapshot").requiredLong("address").requiredInt("blocks").optionalString("type")
          .optionalString("role").optionalString("name").optionalString("preview").endRecord();
}
