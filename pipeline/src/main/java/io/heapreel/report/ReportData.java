package io.heapreel.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Everything the page shows, computed from a run's tables and run.json and laid out as columns
 * (arrays of numbers with dictionaries for strings), ready to be embedded as JSON.
 */
final class ReportData {
  /** Points of the heap chart: two per bucket, so about one bucket per pixel of a wide screen. */
  static final int TIMELINE_BUCKETS = 2000;
  static final int TOP_ROWS = 200;
  static final int LARGEST_OBJECTS = 12;
  private static final Pattern FRAME_FILE = Pattern.compile("heap_(\\d+)\\.png");

  private ReportData() {}

  /**
   * @param run run.json of the run
   * @param report where the page goes: frames are linked relative to it
   */
  static Map<String, Object> of(RunTables t, JsonNode run, Path report) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("run", run);
    d.put("summary", summary(t));
    d.put("timeline", timeline(t));
    d.put("events", events(t));
    d.put("lifespans", lifespans(t));
    d.put("tree", tree(t));
    d.put("callSites", callSites(t));
    int[] start = t.lifeStart.toArray();
    int[] end = t.lifeEnd.toArray();
    int[] blocks = t.lifeBlocks.toArray();
    long lastEvent = t.event.size() == 0 ? 0 : t.event.get(t.event.size() - 1);
    d.put("lifespansByType", LifespanStats.of(start, end, blocks, t.lifeType.toArray(), t.types.names()));
    List<LifespanStats.Row> bySite = LifespanStats.of(start, end, blocks, t.lifeSite.toArray(), t.sites.names());
    d.put("lifespansBySite", bySite.subList(0, Math.min(TOP_ROWS, bySite.size())));
    Map<String, Object> leaks = new LinkedHashMap<>();
    leaks.put("checkpoints", LeakSuspects.checkpoints(lastEvent));
    leaks.put("sites", top(LeakSuspects.rank(start, end, blocks, t.lifeSite.toArray(), t.sites.names(), lastEvent)));
    leaks.put("types", top(LeakSuspects.rank(start, end, blocks, t.lifeType.toArray(), t.types.names(), lastEvent)));
    d.put("leaks", leaks);
    d.put("keyFrames", keyFrames(t));
    d.put("frames", frames(run, report));
    return d;
  }

  private static <T> List<T> top(List<T> rows) {
    return rows.subList(0, Math.min(TOP_ROWS, rows.size()));
  }

  static Map<String, Object> summary(RunTables t) {
    Map<String, Object> s = new LinkedHashMap<>();
    long[] byAction = new long[t.actions.size()];
    for (int i = 0; i < t.eventAction.size(); i++) {
      byAction[t.eventAction.get(i)]++;
    }
    Map<String, Long> actions = new TreeMap<>();
    for (int a = 0; a < byAction.length; a++) {
      actions.put(t.actions.name(a), byAction[a]);
    }
    s.put("eventsByAction", actions);
    s.put("snapshots", t.snapshots());
    s.put("totalBlocks", t.totalBlocks);
    int peak = -1;
    int worst = -1;
    for (int i = 0; i < t.snapshots(); i++) {
      if (peak < 0 || t.used.get(i) > t.used.get(peak)) {
        peak = i;
      }
      if (worst < 0 || t.fragmentation.get(i) > t.fragmentation.get(worst)) {
        worst = i;
      }
    }
    if (peak >= 0) {
      s.put("peakUsedBlocks", t.used.get(peak));
      s.put("peakUsedSnapshot", t.snapshot.get(peak));
      s.put("worstFragmentation", t.fragmentation.get(worst));
      s.put("worstFragmentationSnapshot", t.snapshot.get(worst));
    }
    s.put("lifespans", t.lifeStart.size());
    long alive = 0;
    long aliveBlocks = 0;
    for (int i = 0; i < t.lifeEnd.size(); i++) {
      if (t.lifeEnd.get(i) < 0) {
        alive++;
        aliveBlocks += t.lifeBlocks.get(i);
      }
    }
    s.put("aliveAtEnd", alive);
    s.put("blocksAliveAtEnd", aliveBlocks);
    return s;
  }

  private static Map<String, Object> timeline(RunTables t) {
    double[] frag = t.fragmentation.stream().mapToDouble(Double::doubleValue).toArray();
    Timeline line = Timeline.of(t.snapshot.toArray(), t.used.toArray(), t.free.toArray(), t.largestFree.toArray(), frag, TIMELINE_BUCKETS);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("perBucket", line.perBucket());
    m.put("x", line.x());
    m.put("used", line.used());
    m.put("free", line.free());
    m.put("largestFree", line.largestFree());
    m.put("fragmentation", Arrays.stream(line.fragmentation()).map(f -> Math.round(f * 1e4) / 1e4).toArray());
    m.put("snapshotEvent", identity(t.snapshot.toArray(), t.snapshotEvent.toArray()) ? null : t.snapshotEvent.toArray());
    m.put("snapshots", t.snapshot.toArray().length == 0 ? new int[0] : new int[] {t.snapshot.get(0), t.snapshot.get(t.snapshots() - 1)});
    m.put("collections", collections(t));
    return m;
  }

  private static boolean identity(int[] a, int[] b) {
    return Arrays.equals(a, b);
  }

  /** Runs of consecutive sweep events (one collection each) as [first event, last event, allocations swept]. */
  static List<int[]> collections(RunTables t) {
    List<int[]> runs = new ArrayList<>();
    int sweep = t.actions.size();
    for (int a = 0; a < t.actions.size(); a++) {
      if (t.actions.name(a).equals("sweep")) {
        sweep = a;
      }
    }
    int[] open = null;
    for (int i = 0; i < t.event.size(); i++) {
      if (t.eventAction.get(i) == sweep) {
        if (open != null && open[1] == t.event.get(i) - 1) {
          open[1] = t.event.get(i);
          open[2]++;
        } else {
          open = new int[] {t.event.get(i), t.event.get(i), 1};
          runs.add(open);
        }
      }
    }
    return runs;
  }

  private static Map<String, Object> events(RunTables t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("actions", t.actions.names());
    m.put("sites", t.sites.names());
    int[] event = t.event.toArray();
    boolean dense = true;
    for (int i = 0; i < event.length; i++) {
      dense &= event[i] == i;
    }
    m.put("event", dense ? null : event);
    m.put("action", t.eventAction.toArray());
    m.put("block", t.eventBlock.toArray());
    m.put("blocks", t.eventBlocks.toArray());
    m.put("site", t.eventSite.toArray());
    return m;
  }

  /**
   * Lifespans sorted by start event; start as the difference to the previous one, end as the
   * number of snapshots that show it (0: alive at the end). A freed allocation is still in the
   * snapshot of its free (CAPTURE.md), so that count is one more than its lifespan in events.
   */
  private static Map<String, Object> lifespans(RunTables t) {
    int n = t.lifeStart.size();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingInt(t.lifeStart::get));
    int[] event = t.event.toArray();
    int[] startDelta = new int[n];
    int[] length = new int[n];
    int[] block = new int[n];
    int[] blocks = new int[n];
    int[] type = new int[n];
    int[] node = new int[n];
    int previous = 0;
    for (int k = 0; k < n; k++) {
      int i = order[k];
      int start = t.lifeStart.get(i);
      startDelta[k] = start - previous;
      previous = start;
      length[k] = t.lifeEnd.get(i) < 0 ? 0 : t.lifeEnd.get(i) - start + t.lifeFreed.get(i);
      block[k] = t.lifeBlock.get(i);
      blocks[k] = t.lifeBlocks.get(i);
      type[k] = t.lifeType.get(i);
      int row = Arrays.binarySearch(event, start);
      node[k] = row < 0 ? 0 : t.eventNode.get(row);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("types", t.types.names());
    m.put("startDelta", startDelta);
    m.put("length", length);
    m.put("block", block);
    m.put("blocks", blocks);
    m.put("type", type);
    m.put("node", node);
    return m;
  }

  /** The call tree of the allocations' backtraces, with the blocks of everything allocated per node. */
  private static Map<String, Object> tree(RunTables t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("parent", t.trie.parents());
    m.put("frame", t.trie.frameIds());
    m.put("frames", t.trie.frameNames());
    m.put("allocatedBlocks", allocatedBlocks(t));
    return m;
  }

  /** Blocks of all allocations (lifespans) under each node of the call tree. */
  static long[] allocatedBlocks(RunTables t) {
    long[] own = new long[t.trie.nodes()];
    int[] event = t.event.toArray();
    for (int i = 0; i < t.lifeStart.size(); i++) {
      int row = Arrays.binarySearch(event, t.lifeStart.get(i));
      own[row < 0 ? 0 : t.eventNode.get(row)] += t.lifeBlocks.get(i);
    }
    return t.trie.totals(own);
  }

  private static List<RunTables.CallSiteRow> callSites(RunTables t) {
    List<RunTables.CallSiteRow> rows = new ArrayList<>(t.callSites);
    rows.sort(Comparator.comparingLong(RunTables.CallSiteRow::blocksAliveAtEnd).reversed()
        .thenComparing(Comparator.comparingLong(RunTables.CallSiteRow::allocations).reversed())
        .thenComparing(RunTables.CallSiteRow::site));
    return rows.subList(0, Math.min(TOP_ROWS, rows.size()));
  }

  /** Per key frame: objects and blocks by type (most blocks first) and the largest objects. */
  private static List<Map<String, Object>> keyFrames(RunTables t) {
    Map<Long, List<RunTables.ObjectRow>> bySnapshot = new TreeMap<>();
    List<RunTables.ObjectRow> frame = null;
    long frameSnapshot = 0;
    for (RunTables.ObjectRow o : t.objects) {
      // the table holds a key frame's objects together: one look-up a frame, not an object
      if (frame == null || o.snapshot() != frameSnapshot) {
        frameSnapshot = o.snapshot();
        frame = bySnapshot.computeIfAbsent(frameSnapshot, s -> new ArrayList<>());
      }
      frame.add(o);
    }
    List<Map<String, Object>> frames = new ArrayList<>();
    bySnapshot.forEach((snapshot, objects) -> {
      Map<String, long[]> types = new HashMap<>();
      for (RunTables.ObjectRow o : objects) {
        long[] c = types.computeIfAbsent(o.type(), k -> new long[2]);
        c[0]++;
        c[1] += o.blocks();
      }
      List<Object[]> byType = new ArrayList<>(types.size());
      types.forEach((type, c) -> byType.add(new Object[] {type, c[0], c[1]}));
      // most blocks first, then by name
      byType.sort((a, b) -> a[2].equals(b[2]) ? ((String) a[0]).compareTo((String) b[0]) : Long.compare((Long) b[2], (Long) a[2]));
      List<Object[]> largest = new ArrayList<>();
      for (RunTables.ObjectRow o : largest(objects)) {
        largest.add(new Object[] {o.type(), o.blocks(), hex(o.address()), o.name(), o.preview()});
      }
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("snapshot", snapshot);
      f.put("objects", objects.size());
      f.put("byType", byType);
      f.put("largest", largest);
      frames.add(f);
    });
    return frames;
  }

  /** The {@link #LARGEST_OBJECTS} largest objects, most blocks first, then by address. */
  static List<RunTables.ObjectRow> largest(List<RunTables.ObjectRow> objects) {
    RunTables.ObjectRow[] top = new RunTables.ObjectRow[LARGEST_OBJECTS];
    int n = 0;
    for (RunTables.ObjectRow o : objects) {
      if (n == top.length && !before(o, top[n - 1])) {
        continue;
      }
      int i = n == top.length ? n - 1 : n++;
      for (; i > 0 && before(o, top[i - 1]); i--) {
        top[i] = top[i - 1];
      }
      top[i] = o;
    }
    return Arrays.asList(top).subList(0, n);
  }

  private static boolean before(RunTables.ObjectRow a, RunTables.ObjectRow b) {
    return a.blocks() != b.blocks() ? a.blocks() > b.blocks() : a.address() < b.address();
  }

  /** As {@code String.format("0x%08x", address)}. */
  static String hex(long address) {
    String digits = Long.toHexString(address);
    return digits.length() >= 8 ? "0x" + digits : "0x" + "0".repeat(8 - digits.length()) + digits;
  }

  /** The rendered frames next to the page: their folder relative to it and the snapshots that have one. */
  private static Map<String, Object> frames(JsonNode run, Path report) {
    JsonNode folder = run.path("outputs").path("frames").path("folder");
    if (folder.isMissingNode()) {
      return null;
    }
    Path dir = Path.of(folder.asText());
    List<Integer> snapshots = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        files.forEach(f -> {
          Matcher m = FRAME_FILE.matcher(f.getFileName().toString());
          if (m.matches()) {
            snapshots.add(Integer.parseInt(m.group(1)));
          }
        });
      } catch (IOException e) {
        return null;
      }
    }
    snapshots.sort(null);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("folder", report.toAbsolutePath().getParent().relativize(dir.toAbsolutePath()).toString());
    m.put("snapshots", snapshots);
    return m;
  }
}
