package io.heapreel.model.verify;

import io.heapreel.model.capture.Memory;
import io.heapreel.model.gclog.GcEvent;
import io.heapreel.model.gclog.GcLogListener;
import io.heapreel.model.gclog.GcLogParser;
import io.heapreel.model.gclog.LogScan;
import io.heapreel.model.gclog.LogSummary;
import io.heapreel.model.heap.HeapLocation;
import io.heapreel.model.lifespan.SiteRules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The log's events reduced to what checking each against its own snapshot needs ({@link
 * EventCheck}): its start block, its log line, and whether the block must be a head or free at the
 * dump. That follows from the event alone (a free logged by the sweep leaves the block free, every
 * other event a head), so no replay is needed and the commands that do not replay the log can
 * check it against the dumps as they read them: 13 bytes an event.
 */
public final class LoggedEvents {
  private long[] lines = new long[1024];
  private int[] blocks = new int[1024];
  /** Per event index: {@link #ALLOC}, {@link #FREE} or {@link #SWEEP} (the only one whose block is free at the dump). */
  private byte[] kinds = new byte[1024];
  private static final byte ALLOC = 0;
  private static final byte FREE = 1;
  private static final byte SWEEP = 2;
  private static final String[] KIND_NAMES = {"alloc", "free", "sweep"};
  /** Events by index; 0 in {@code lines} marks a record without an event (skipped as damaged). */
  private long size;
  private LogSummary summary;

  private LoggedEvents(Path log, SiteRules rules) {
    this.summary = GcLogParser.parse(log, new GcLogListener() {
      @Override
      public void event(GcEvent e) {
        add(e.index(), e.line(), e.startBlock(), e.length() > 0 ? ALLOC : rules.isSweep(e) ? SWEEP : FREE);
      }
    });
  }

  /** Every event, traces parsed (the sweep/free kind follows from each event's caller). */
  public static LoggedEvents read(Path log, SiteRules rules) {
    return new LoggedEvents(log, rules);
  }

  /**
   * The record count of a log read in full elsewhere (a replay's parse, traces and all) and the
   * events of the snapshots it kept: for a command that replays the log anyway, so that checking
   * its snapshots against their events costs no second pass over the log.
   */
  public static LoggedEvents of(LogSummary summary, Collection<GcEvent> events, SiteRules rules) {
    LoggedEvents kept = new LoggedEvents();
    for (GcEvent e : events) {
      kept.add(e.index(), e.line(), e.startBlock(), e.length() > 0 ? ALLOC : rules.isSweep(e) ? SWEEP : FREE);
    }
    kept.summary = summary;
    return kept;
  }

  /**
   * Every event, as {@link #read} gives them, from the fast pass ({@link LogScan} with callers:
   * the pieces on all cores, of each trace only the frame that makes a free a sweep). An event the
   * fast pass marks damaged may lack that frame: such a free is parsed again in full, alone (or,
   * when there are many, the whole log is).
   */
  public static LoggedEvents readFast(Path log, SiteRules rules) {
    return readFast(log, rules, LogScan.PIECE_BYTES, Runtime.getRuntime().availableProcessors());
  }

  /** Damaged frees parsed again one by one up to this many; beyond, the whole log is parsed in full. */
  static final int REPARSED_AT_MOST = 64;

  /** {@link #readFast} with the log cut in pieces of about {@code pieceBytes} read on {@code threads} threads. */
  static LoggedEvents readFast(Path log, SiteRules rules, int pieceBytes, int threads) {
    LoggedEvents events = new LoggedEvents();
    List<GcEvent> unsure = new ArrayList<>();
    LogScan scan = LogScan.run(log, pieceBytes, threads, true, new GcLogListener() {
      @Override
      public void event(GcEvent e) {
        if (e.length() == 0 && e.damaged()) {
          unsure.add(e);
        }
        events.add(e.index(), e.line(), e.startBlock(), e.length() > 0 ? ALLOC : rules.isSweep(e) ? SWEEP : FREE);
      }
    });
    if (unsure.size() > REPARSED_AT_MOST) {
      return read(log, rules);
    }
    for (GcEvent e : unsure) {
      if (!events.has(e.index())) {
        continue; // beyond any array (add), or replaced by a later record of the same index
      }
      GcEvent full = parsedAlone(scan, e);
      events.kinds[(int) e.index()] = full != null && rules.isSweep(full) ? SWEEP : FREE;
    }
    events.summary = scan.summary();
    return events;
  }

  private LoggedEvents() {
    this.summary = null;
  }

  /** The record of {@code e} parsed in full from its breakpoint line, as if the log began there (its trace whole). */
  private static GcEvent parsedAlone(LogScan scan, GcEvent e) {
    GcEvent[] full = new GcEvent[1];
    try {
      scan.parseLines(e.line(), Long.MAX_VALUE, new GcLogListener() {
        @Override
        public void event(GcEvent parsed) {
          full[0] = parsed;
          throw new StopParsing();
        }
      });
    } catch (StopParsing stop) {
      // the record's event is out: the rest of the log is not needed
    }
    return full[0];
  }

  /** Ends the parse of one record once its event is out. */
  private static final class StopParsing extends RuntimeException {
    StopParsing() {
      super(null, null, false, false);
    }
  }

  private void add(long index, long line, int block, byte kind) {
    if (index >= Integer.MAX_VALUE - 8) {
      return; // beyond any array: such a log is checked up to here
    }
    int i = (int) index;
    if (i >= lines.length) {
      int n = Math.max(i + 1, lines.length * 2);
      lines = Arrays.copyOf(lines, n);
      blocks = Arrays.copyOf(blocks, n);
      kinds = Arrays.copyOf(kinds, n);
    }
    lines[i] = line;
    blocks[i] = block;
    kinds[i] = kind;
    size = Math.max(size, index + 1);
  }

  /** Records in the log (skipped ones included): the snapshots it accounts for. */
  public long records() {
    return summary.records();
  }

  public LogSummary summary() {
    return summary;
  }

  /** Whether the log has a usable event for this snapshot index. */
  public boolean has(long snapshot) {
    return snapshot >= 0 && snapshot < size && lines[(int) snapshot] != 0;
  }

  /** Why the snapshot contradicts its own event, or null when it agrees or the log has no event for it. */
  public String disagreement(long snapshot, Memory memory, HeapLocation heap) {
    if (!has(snapshot)) {
      return null;
    }
    int i = (int) snapshot;
    return EventCheck.disagreement(
        snapshot, lines[i], blocks[i], kinds[i] != SWEEP, kinds[i] == ALLOC, KIND_NAMES[kinds[i]], memory, heap);
  }
}
