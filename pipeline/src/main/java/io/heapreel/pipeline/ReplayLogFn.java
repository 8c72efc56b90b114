package io.heapreel.pipeline;

import io.heapreel.model.verify.EventCheck;
import io.heapreel.model.capture.ColdReadAhead;
import io.heapreel.model.capture.Memory;
import io.heapreel.model.capture.PositionalSnapshotReads;
import io.heapreel.model.capture.PositionalSnapshots;
import io.heapreel.model.capture.SnapshotReads;
import io.heapreel.model.capture.SnapshotFile;
import io.heapreel.model.capture.SnapshotsAhead;
import io.heapreel.model.heap.HeapDecoder;
import io.heapreel.model.gclog.Damage;
import io.heapreel.model.gclog.GcEvent;
import io.heapreel.model.gclog.ParseAhead;
import io.heapreel.model.gclog.LogSummary;
import io.heapreel.model.export.LogAllocations;
import io.heapreel.model.heap.HeapLocation;
import io.heapreel.model.lifespan.Action;
import io.heapreel.model.lifespan.FailedAllocations;
import io.heapreel.model.lifespan.TraceDepths;
import io.heapreel.model.lifespan.AllocationTyper;
import io.heapreel.model.lifespan.LiveAllocations;
import io.heapreel.model.lifespan.LogReplayer;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.lifespan.TypedLifespans;
import io.heapreel.model.objects.GridTypings;
import io.heapreel.model.objects.ObjectInspector;
import io.heapreel.model.objects.SnapshotTyper;
import io.heapreel.model.render.FrameEvent;
import io.heapreel.model.render.FrameEvents;
import io.heapreel.model.render.FrameSelection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.hadoop.conf.Configuration;

/**
 * Streams the gdb log once through the model's parser (on a thread of its own, {@link ParseAhead})
 * into the model's replay ({@link LogReplayer}, typing lifespans from the snapshots), and adapts what
 * it tells to Beam: the {@code events}
 * and {@code lifespans} rows go straight into Parquet files as they come ({@link TableFiles}), so
 * memory holds only the live allocations, whatever the length of the log; the {@code call_sites} rows
 * (one file in site order: the replay sums its lifespans per site itself) and damage lines
 * ({@link DamageFile}) are written by it too, and so is the {@code call_tree} (one file: the allocations'
 * call paths merged, {@link CallTreeRows}), which the report reads instead of every event's trace. Out go what is small: the
 * allocations each key frame shows and the captions of the frames' events; the allocations of the
 * snapshots exported for DevTools ({@link LogAllocations}, bounded by the heap) are left in a folder
 * for the launcher's export, which so needs no second pass over the log.
 */
final class ReplayLogFn extends DoFn<String, Void> {
  static final TupleTag<Void> MAIN = new TupleTag<>() {};
  /** The allocations each key frame shows (by start block), for its objects' allocation ids; in batches. */
  static final TupleTag<List<KV<Long, LiveAllocations>>> KEY_FRAMES = new TupleTag<>() {};
  /** Captions of the events whose snapshots get a frame. */
  static final TupleTag<KV<Long, FrameEvent>> FRAME_EVENTS = new TupleTag<>() {};

  /** Every how many snapshots the allocations made since are typed together. */
  static final int TYPING_GRID = TypedLifespans.GRID;
  /**
   * Rows per Parquet file of {@code events} and {@code lifespans}: small enough that files are
   * written while the log is still being read (see {@link TableFiles}), large enough that a file's
   * fixed cost (opening, the footer) stays small. The batch being filled and the one being written
   * live across young collections, which copy them (an event row holds its call trace): with 16,384
   * rows the 8 GB bench run's collections paused it 2-3 times longer in all (docs/speed.md).
   */
  static final int ROWS_PER_FILE = 1 << 12;
  /** Rows per Parquet file of {@code snapshots} when the replay decodes them (small rows, no trace). */
  static final int SNAPSHOT_ROWS_PER_FILE = 1 << 14;
  /** Grid snapshots typed ahead of the replay at most (each typing holds one snapshot's heap index and types). */
  static final int TYPINGS_AHEAD = 8;
  /** Events the log's parser thread may be ahead of the replay. */
  static final int PARSED_AHEAD = 1024;
  /** Bytes of snapshots read ahead of the replay at most, when it decodes them ({@link SnapshotsAhead}). */
  static final long SNAPSHOTS_AHEAD_BYTES = 4 << 20;

  private final CaptureFacts facts;
  private final SiteRules rules;
  private final KeyFrames keyFrames;
  private final FrameSelection frames;
  private final PipelineOutputs.ExportAllocations exports;
  private final String tablesFolder;
  private final String damageFolder;
  private final String failuresFolder;
  private final boolean decodes;
  private final Counter events = Metrics.counter(Counters.NAMESPACE, Counters.EVENTS_PARSED);
  private final Counter records = Metrics.counter(Counters.NAMESPACE, Counters.LOG_RECORDS);
  private final Counter skipped = Metrics.counter(Counters.NAMESPACE, Counters.LOG_RECORDS_SKIPPED);
  private final Counter damage = Metrics.counter(Counters.NAMESPACE, Counters.LOG_DAMAGE);
  private final Counter typed = Metrics.counter(Counters.NAMESPACE, Counters.LIFESPANS_TYPED);
  private final Counter withoutSite = Metrics.counter(Counters.NAMESPACE, Counters.LIFESPANS_WITHOUT_SITE);
  private final Counter traceLimit = Metrics.counter(Counters.NAMESPACE, Counters.LOG_TRACE_LIMIT);
  private final Counter traceLimitLine = Metrics.counter(Counters.NAMESPACE, Counters.LOG_TRACE_LIMIT_LINE);
  private final Counter typings = Metrics.counter(Counters.NAMESPACE, Counters.TYPING_SNAPSHOTS);
  private final Counter disagreeing = Metrics.counter(Counters.NAMESPACE, Counters.EVENTS_DISAGREEING);
  private final Counter nanos = Metrics.counter(Counters.NAMESPACE, Counters.REPLAY_NANOS);
  private final Counter decoded = Metrics.counter(Counters.NAMESPACE, Counters.SNAPSHOTS_DECODED);
  private final Counter undecodable = Metrics.counter(Counters.NAMESPACE, Counters.SNAPSHOTS_DAMAGED);
  private final Counter suspect = Metrics.counter(Counters.NAMESPACE, Counters.SNAPSHOTS_SUSPECT);
  private final Counter decodeNanos = Metrics.counter(Counters.NAMESPACE, Counters.DECODE_NANOS);
  private transient Configuration hadoop;

  /**
   * @param keyFrames the key frames whose allocations go out, or null (no object tables)
   * @param frames the snapshots that get a frame (their events' captions go out), or null
   * @param exports the snapshots exported for DevTools, whose allocations go to a folder for the export; or null
   * @param tablesFolder the (staging) {@code tables} folder
   * @param damageFolder the (staging) damage folder: the log's damage lines go into {@code log/}, the
   *     snapshots' (when the replay decodes them) into {@code snapshots/} ({@link DamageFile})
   * @param failuresFolder where the allocations the log shows failing go, a line each ({@link FailedAllocationLine})
   * @param decodes whether the replay also decodes every snapshot into the {@code snapshots} table
   *     (it reads each one anyway: for a file costly to read, such as a compressed one, this reads it once)
   */
  ReplayLogFn(CaptureFacts facts, SiteRules rules, KeyFrames keyFrames, FrameSelection frames,
      PipelineOutputs.ExportAllocations exports, String tablesFolder, String damageFolder, String failuresFolder, boolean decodes) {
    this.facts = facts;
    this.rules = rules;
    this.keyFrames = keyFrames;
    this.frames = frames;
    this.exports = exports;
    this.tablesFolder = tablesFolder;
    this.damageFolder = damageFolder;
    this.failuresFolder = failuresFolder;
    this.decodes = decodes;
  }

  @Setup
  public void setup() {
    hadoop = ParquetBatchFile.hadoop();
  }

  @ProcessElement
  public void process(@Element String log, MultiOutputReceiver out) {
    long started = System.nanoTime();
    HeapLocation area = facts.heap();
    long snapshotCount = facts.snapshotCount();
    SortedMap<String, SiteTotals> sites = new TreeMap<>();
    CallTreeRows callTree = new CallTreeRows();
    TraceDepths depths = new TraceDepths();
    // one reader for the event check (each event's own snapshot, in order) and the typer (the same
    // snapshot or the one before): a compressed ram.bin keeps its last blocks, so each block is
    // decompressed once for both; when the replay decodes the snapshots too, they are read ahead on
    // a thread that decodes them, and each block is decompressed once for all three. A plain local
    // ram.bin is checked by positional reads instead: one byte of each snapshot, which through the
    // mapping costs a page fault each
    ObjectInspector inspector = facts.openInspector();
    boolean whole = inspector != null && readsWhole();
    AtomicLong decoding = new AtomicLong();
    DamageFile logDamage = new DamageFile(damageFolder + "/log", "part-all");
    DamageFile snapshotDamage = new DamageFile(damageFolder + "/snapshots", "part-all");
    DamageFile failureLines = new DamageFile(failuresFolder, "part-all");
    FailedAllocations failures = new FailedAllocations(rules, f -> failureLines.add(FailedAllocationLine.of(f).json()));
    try (TableFiles snapshotRows = decodes ? new TableFiles(Table.SNAPSHOTS, tablesFolder, SNAPSHOT_ROWS_PER_FILE, hadoop) : null;
        SnapshotFile snapshots = decodes ? decodingAhead(snapshotRows, decoding, snapshotDamage) : facts.openSnapshots();
        PositionalSnapshots probed = facts.plainLocalFile() ? PositionalSnapshots.open(Path.of(facts.ramFile()), facts.span(), snapshotCount) : null;
        SnapshotReads typerReads = whole ? wholeReads() : null;
        GridTypings ahead = gridTypings(snapshots, inspector, whole);
        TableFiles eventRows = new TableFiles(Table.EVENTS, tablesFolder, ROWS_PER_FILE, hadoop);
        TableFiles lifespanRows = new TableFiles(Table.LIFESPANS, tablesFolder, ROWS_PER_FILE, hadoop)) {
      EventRows rows = new EventRows(area);
      SnapshotTyper snapshotTyper = inspector == null ? null : new SnapshotTyper(typerReads != null ? typerReads : snapshots, inspector, area, ahead);
      AllocationTyper typer = snapshotTyper == null ? (snapshot, block) -> null : snapshotTyper;
      KeyFrameBatches shown = new KeyFrameBatches(batch -> out.get(KEY_FRAMES).output(batch));
      long[] nextSnapshot = {0};
      LogAllocations.Recorder exported = exports == null ? null : new LogAllocations.Recorder(area, new TreeSet<>(exports.snapshots()));
      LongPredicate show = s -> (keyFrames != null && keyFrames.contains(s)) || (frames != null && frames.contains(s));
      LogReplayer replay = LogReplayer.typed(rules, typer, snapshotCount, TYPING_GRID, show, new LogReplayer.Listener() {
        @Override
        public void lifespan(TypedLifespans.Typed t) {
          GenericRecord row = rows.lifespan(t.lifespan(), t.type(), t.source());
          if (t.known()) {
            typed.inc();
          }
          if (t.lifespan().site() < 0) {
            withoutSite.inc();
          }
          lifespanRows.add(row);
          sites.merge(CallSite.of(row).key(), SiteTotals.of(row, snapshotCount), SiteTotals::plus);
        }

        @Override
        public void event(GcEvent e, Action action, int site, int ending, LiveAllocations showing) {
          events.inc();
          depths.event(e, (action == Action.ALLOC || action == Action.REALLOC) && site < 0);
          if (keyFrames != null) {
            addUnknownKeyFrames(nextSnapshot[0], e.index(), shown);
            if (keyFrames.contains(e.index())) {
              shown.add(e.index(), showing);
            }
            nextSnapshot[0] = e.index() + 1;
          }
          if (e.index() < snapshotCount) {
            String wrong;
            try {
              Memory dump = probed != null ? probed.snapshot(e.index()) : snapshots.snapshot(e.index());
              wrong = EventCheck.disagreement(e, action, rules.isSweep(e), dump, area);
            } catch (io.heapreel.model.error.CaptureException unreadable) {
              wrong = null; // a damaged dump: the decode counts it as undecodable
            }
            if (wrong != null) {
              disagreeing.inc();
              logDamage.add(wrong);
            }
          }
          if (frames != null && frames.contains(e.index())) {
            out.get(FRAME_EVENTS).output(KV.of(e.index(), FrameEvents.of(e, action, ending, site, showing, area)));
          }
          eventRows.add(rows.event(e, action, site));
          if (action == Action.ALLOC || action == Action.REALLOC) {
            callTree.allocation(e, site);
          }
          failures.event(e, action);
          if (exported != null) {
            exported.event(e, action, site, ending, showing);
          }
        }

        @Override
        public void damage(Damage d) {
          logDamage.add(log + ": " + d);
        }

        @Override
        public void end(LogSummary summary) {
          records.inc(summary.records());
          skipped.inc(summary.skipped());
          damage.inc(summary.damage());
          failures.end();
          traceLimit.inc(depths.limit());
          traceLimitLine.inc(depths.limit() > 0 ? depths.firstLine() + 1 : 0);
          if (exported != null) {
            exported.end(summary);
            HeapsnapshotExports.saveAllocations(exported.bySnapshot(), Path.of(exports.folder()));
          }
        }
      });
      ParseAhead.parse(Path.of(log), replay, PARSED_AHEAD);
      if (keyFrames != null) {
        addUnknownKeyFrames(nextSnapshot[0], snapshotCount, shown);
        shown.finish();
      }
      if (snapshotTyper != null) {
        typings.inc(snapshotTyper.typings());
      }
      if (snapshots instanceof SnapshotsAhead<?> read) {
        read.finish(); // the snapshots after the log's last event
        snapshotRows.finish();
        decodeNanos.inc(decoding.get());
      }
      eventRows.finish();
      lifespanRows.finish();
    }
    logDamage.finish();
    snapshotDamage.finish();
    failureLines.finish();
    try (TableFiles callSites = new TableFiles(Table.CALL_SITES, tablesFolder, Integer.MAX_VALUE, hadoop)) {
      callSites.addFile(CallSiteRows.of(sites));
      callSites.finish();
    }
    try (TableFiles tree = new TableFiles(Table.CALL_TREE, tablesFolder, Integer.MAX_VALUE, hadoop)) {
      tree.addFile(callTree.rows());
      tree.finish();
    }
    nanos.inc(System.nanoTime() - started);
  }

  /**
   * The snapshots read and decoded on a thread of their own, ahead of the replay: their rows go to
   * {@code rows} and their damage lines to {@code damage} as the replay passes them (on its thread, to which Beam's
   * counters belong); the decode's time is summed into {@code decoding}.
   */
  private SnapshotsAhead<DecodedSnapshot> decodingAhead(TableFiles rows, AtomicLong decoding, DamageFile damage) {
    HeapDecoder decoder = facts.decoder();
    int bytesPerBlock = facts.heap().bytesPerBlock();
    int ahead = (int) Math.max(4, SNAPSHOTS_AHEAD_BYTES / facts.span().length());
    SnapshotsAhead.Work<DecodedSnapshot> decode = (index, snapshot, unreadable) -> {
      long start = System.nanoTime();
      DecodedSnapshot d = DecodedSnapshot.of(index, () -> {
        if (unreadable != null) {
          throw unreadable;
        }
        return snapshot;
      }, decoder, bytesPerBlock);
      decoding.addAndGet(System.nanoTime() - start);
      return d;
    };
    return new SnapshotsAhead<>(facts.openSnapshots(), facts.snapshotCount(), ahead, decode, d -> {
      decoded.inc();
      d.deliver(rows::add, undecodable, suspect, damage::add);
    });
  }

  /**
   * The grid snapshots' typings made ahead on a thread of their own when the snapshots can be read
   * cheaply at any index (a plain local ram.bin): off the replay's thread, which the run waits for. Not for
   * a compressed file, which that thread would decompress once more. Null for none.
   */
  private GridTypings gridTypings(SnapshotFile snapshots, ObjectInspector inspector, boolean whole) {
    if (inspector == null || !facts.plainLocalFile()) {
      return null;
    }
    return new GridTypings(whole ? wholeReads() : snapshots.reopen(), inspector, facts.snapshotCount(), TYPING_GRID, TYPINGS_AHEAD);
  }

  /**
   * Whether the typings read each snapshot whole by a positional read into a reused buffer
   * ({@link #wholeReads}): for a plain local ram.bin small enough to be read ahead into the page
   * cache ({@link ColdReadAhead#readsAhead}). Through a mapping, the page faults and unmapping of a
   * typed snapshot's pages cost about a third of its typing (docs/speed.md, "eighth step"); a file
   * larger than that is mapped as before, where the kernel's read-ahead of a mapping served a
   * page-cache-cold file better than a read per snapshot.
   */
  private boolean readsWhole() {
    if (!facts.plainLocalFile()) {
      return false;
    }
    try {
      return ColdReadAhead.readsAhead(Files.size(Path.of(facts.ramFile())));
    } catch (IOException e) {
      return false; // the mapping reports what is wrong with the file
    }
  }

  private SnapshotReads wholeReads() {
    return PositionalSnapshotReads.open(Path.of(facts.ramFile()), facts.span(), facts.snapshotCount());
  }

  /** Key frames the log has no event for (a skipped record, a log shorter than ram.bin): no allocation ids. */
  private void addUnknownKeyFrames(long from, long to, KeyFrameBatches shown) {
    for (long s : keyFrames.between(from, to)) {
      shown.add(s, LiveAllocations.unknown(s));
    }
  }
}
