package io.heapreel.cli;

import io.heapreel.model.open.Capture;
import io.heapreel.model.error.CaptureException;
import io.heapreel.model.capture.CaptureFiles;
import io.heapreel.model.open.CaptureSpec;
import io.heapreel.model.capture.Memory;
import io.heapreel.model.capture.SnapshotFile;
import io.heapreel.model.export.LogAllocations;
import io.heapreel.model.heap.HeapLocation;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.verify.FactCheck;
import io.heapreel.model.verify.LoggedEvents;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * The gdb log against the RAM dumps, for the commands that do not join them into tables (stats,
 * inspect, frames, heapsnapshot, lifespans, tree): whether the log has one record per dump, and each
 * event against its own snapshot ({@link LoggedEvents}). Swapped or dropped dumps, or another
 * capture's log, leave every dump and every record sound on its own: only this pairing tells, so
 * these commands say so in warnings rather than print other figures without a word. The capture
 * facts of the log's preamble are checked too ({@link FactCheck}): another build's log of the same
 * program can agree with every dump it is paired with.
 */
final class LogCheck {
  private final Path log;
  private final LoggedEvents events;
  private final HeapLocation areas;
  private final long snapshots;
  /** Capture facts of the log's preamble the symbols or RAM span contradict, one warning each. */
  private final List<String> facts;
  private final List<String> first = new ArrayList<>();
  private long checked;
  private long disagreeing;

  private LogCheck(Path log, LoggedEvents events, Capture c) {
    this.log = log;
    this.events = events;
    this.areas = c.heap();
    this.snapshots = c.snapshots().count();
    this.facts = new FactCheck(c.symbols(), c.ram()).warnings(log);
  }

  /** The check for this capture, or null (with a note) when it has no log. */
  static LogCheck of(Capture c, SiteRules rules, PrintWriter err) {
    Path log = c.files().log();
    if (log == null) {
      noLog(err);
      return null;
    }
    return new LogCheck(log, LoggedEvents.readFast(log, rules), c);
  }

  private static void noLog(PrintWriter err) {
    err.println("heapreel: note: no gdb log (mylog.txt, --log): the order of the dumps is not checked");
  }

  /**
   * The log's events read on a thread of their own from now on, while the command opens the
   * capture: {@link Ahead#check} gives the check (or its error) where {@link #of} would.
   */
  static Ahead ahead(CaptureSpec spec, SiteRules rules) {
    Path log = spec.files().log();
    if (log == null) {
      return new Ahead(null, null);
    }
    FutureTask<LoggedEvents> read = new FutureTask<>(() -> LoggedEvents.readFast(log, rules));
    Thread t = new Thread(read, "heapreel-log-check");
    t.setDaemon(true);
    t.start();
    return new Ahead(log, read);
  }

  /** A log being read ahead ({@link #ahead}); {@code read} is null when the capture has no log. */
  record Ahead(Path log, Future<LoggedEvents> read) {
    /** The check of this capture, or null (with a note) when it has no log; the log's error is thrown here. */
    LogCheck check(Capture c, PrintWriter err) {
      if (read == null) {
        noLog(err);
        return null;
      }
      try {
        return new LogCheck(log, read.get(), c);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        if (e.getCause() instanceof Error r) {
          throw r;
        }
        throw new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CaptureException(log + ": interrupted while reading the gdb log", e);
      }
    }
  }

  /**
   * For a command that shows one snapshot and replays the log up to it anyway ({@code replay}: null
   * when the capture has no log): the record count, and that snapshot against its own event, from
   * the replay's parse without reading the log again.
   */
  static void ofSnapshot(Capture c, long index, LogAllocations.Read replay, SiteRules rules, PrintWriter err) {
    if (replay == null) {
      noLog(err);
      return;
    }
    LoggedEvents events = LoggedEvents.of(replay.summary(), replay.events().values(), rules);
    LogCheck check = new LogCheck(c.files().log(), events, c);
    try {
      check.check(index, c.snapshots().snapshot(index));
    } catch (CaptureException unreadable) {
      // the command reads the same snapshot next and says what is wrong with it
    }
    check.report(err);
  }

  /** For a command that reads every snapshot in a pass of its own: the record count, and every event. */
  static void ofAll(Capture c, SiteRules rules, PrintWriter err) {
    LogCheck check = of(c, rules, err);
    if (check != null) {
      check.checkAll(c.snapshots());
      check.report(err);
    }
  }

  /**
   * For the commands that need only the log (lifespans, tree): the log against the capture's dumps
   * when it has them, else a note; a capture that cannot be opened (a broken map or ram.bin) costs
   * the check alone.
   */
  static void ofLogOnly(CaptureOptions options, SiteRules rules, PrintWriter err) {
    CaptureSpec spec;
    try {
      spec = options.spec();
    } catch (CaptureException e) {
      err.println("heapreel: note: the log is not checked against ram.bin: " + e.getMessage());
      return;
    }
    CaptureFiles f = spec.files();
    if (f.ram() == null && spec.ramSource() == null || f.map() == null && f.elf() == null) {
      err.println("heapreel: note: no ram.bin and map or ELF here: the log is not checked against the dumps");
      return;
    }
    try (Capture c = Capture.open(spec)) {
      ofAll(c, rules, err);
    } catch (CaptureException e) {
      err.println("heapreel: note: the log is not checked against ram.bin: " + e.getMessage());
    }
  }

  /** Checks one snapshot against its own event (call it for each snapshot a command reads). */
  void check(long snapshot, Memory memory) {
    if (!events.has(snapshot)) {
      return;
    }
    checked++;
    String wrong = events.disagreement(snapshot, memory, areas);
    if (wrong != null) {
      disagreeing++;
      if (first.size() < LogDiagnostics.SHOWN) {
        first.add(wrong);
      }
    }
  }

  /** Checks every snapshot the log has an event for, one table byte each. */
  void checkAll(SnapshotFile file) {
    long n = Math.min(snapshots, events.records());
    for (long i = 0; i < n; i++) {
      if (events.has(i)) {
        Memory m;
        try {
          m = file.snapshot(i);
        } catch (CaptureException unreadable) {
          continue; // a damaged compressed block: reported where the snapshot is decoded
        }
        check(i, m);
      }
    }
  }

  /** The warnings: facts of the preamble that disagree, a record count other than the dumps', events their snapshots contradict. */
  void report(PrintWriter err) {
    facts.forEach(f -> err.println("heapreel: warning: " + f));
    if (events.records() != snapshots) {
      err.printf("heapreel: warning: %s has %d records for %d snapshots in ram.bin: dumps or records are missing,"
              + " or the files are of different captures; events and snapshots pair up by index%n",
          log, events.records(), snapshots);
    }
    if (disagreeing > 0) {
      err.printf("heapreel: warning: %d of %d events checked disagree with their own snapshots: the log and ram.bin"
              + " are not in step there (dumps swapped or dropped, or another capture's log; verify tells more):%n",
          disagreeing, checked);
      first.forEach(w -> err.println("heapreel:   " + w));
      if (disagreeing > first.size()) {
        err.println("heapreel:   ...");
      }
    }
  }
}
