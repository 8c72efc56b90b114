package io.heapreel.model.verify;

import io.heapreel.model.open.Capture;
import io.heapreel.model.capture.SnapshotFile;
import io.heapreel.model.gclog.Damage;
import io.heapreel.model.gclog.GcEvent;
import io.heapreel.model.gclog.GcLogParser;
import io.heapreel.model.gclog.LogSummary;
import io.heapreel.model.gclog.Preamble;
import io.heapreel.model.capture.Memory;
import io.heapreel.model.heap.BlockState;
import io.heapreel.model.heap.HeapDecoder;
import io.heapreel.model.heap.HeapStats;
import io.heapreel.model.heap.HeapLocation;
import io.heapreel.model.lifespan.Action;
import io.heapreel.model.lifespan.LiveAllocations;
import io.heapreel.model.lifespan.LogReplayer;
import io.heapreel.model.lifespan.SiteRules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a log and a RAM file belong together: one record per snapshot, and every snapshot's
 * allocation table as the log predicts it at that event. The prediction follows what a dump taken
 * inside the hook shows (sample-dumps/dev/NOTES.md): an alloc or realloc is visible at once; a free
 * still shows the allocation and clears it one event later; a sweep clears the head at once and
 * its tails one event later. Every block the log has touched is compared (MARK counts as HEAD, but
 * for the head an alloc or realloc logs: the collector allocates nothing while it marks), so
 * a shifted log, a dropped or swapped dump and another capture's log all show up. Capture facts
 * printed in the log's preamble are compared with the symbols and RAM span in use.
 */
public final class CaptureVerifier {
  public static final int MISMATCHES_KEPT = 20;
  private static final int BLOCKS_PER_MISMATCH = 4;
  private static final String[] STATE_NAMES = {"FREE", "HEAD", "TAIL", "MARK"};

  private final HeapLocation area;
  private final SiteRules rules;
  private final FactCheck facts;
  private final HeapDecoder decoder;

  /** {@code facts} may be null: the preamble's capture facts are then not checked. */
  public CaptureVerifier(HeapLocation area, SiteRules rules, FactCheck facts) {
    this(area, rules, facts, null);
  }

  /**
   * {@code decoder} may be null; else each checked snapshot is decoded too, and one whose table no
   * collector leaves ({@link HeapStats#suspect}) is reported: it may agree with every event (a
   * damaged area no event touches), and an OK alone would say nothing of it.
   */
  public CaptureVerifier(HeapLocation area, SiteRules rules, FactCheck facts, HeapDecoder decoder) {
    this.area = area;
    this.rules = rules;
    this.facts = facts;
    this.decoder = decoder;
  }

  /** Checks the capture's own log, dumps, symbols and heap. */
  public static VerifyReport verify(Capture capture, Path log, SiteRules rules) {
    return new CaptureVerifier(capture.heap(), rules, new FactCheck(capture.symbols(), capture.ram()), capture.decoder())
        .verify(log, capture.snapshots());
  }

  public VerifyReport verify(Path log, SnapshotFile snapshots) {
    Check check = new Check(snapshots);
    LogSummary summary = GcLogParser.parse(log, LogReplayer.untyped(rules, snapshot -> false, check));
    return new VerifyReport(
        summary, snapshots.count(), check.checked, check.mismatched, check.first, check.damage, check.factDisagreements,
        check.suspect);
  }

  private final class Check implements LogReplayer.Listener {
    final SnapshotFile snapshots;
    /** The heap block of index 0 of the expected and found tables: below 0 when an area lies below the first one's pool. */
    final int lowest = area.lowestHeapBlock();
    final ExpectedHeap expected = new ExpectedHeap(area.heapBlocks() - lowest);
    final List<Mismatch> first = new ArrayList<>();
    final List<Damage> damage = new ArrayList<>();
    List<String> factDisagreements = List.of();
    final List<String> suspect = new ArrayList<>();
    long checked;
    long mismatched;

    Check(SnapshotFile snapshots) {
      this.snapshots = snapshots;
    }

    @Override
    public void preamble(Preamble preamble) {
      if (facts != null) {
        factDisagreements = facts.disagreements(preamble);
      }
    }

    @Override
    public void damage(Damage d) {
      if (damage.size() < MISMATCHES_KEPT) {
        damage.add(d);
      }
    }

    @Override
    public void event(GcEvent event, Action action, int site, int before, LiveAllocations shown) {
      expected.nextEvent();
      predict(action, event, before);
      if (event.index() >= snapshots.count()) {
        return;
      }
      Memory dump = snapshots.snapshot(event.index());
      if (area.areaOf(event.startBlock(), area.present(dump)) < 0) {
        outsideTheHeap(event, action);
      } else {
        compare(event, action, BlockState.all(dump, area));
        String why = decoder == null ? null : decoder.stats(dump).suspect();
        if (why != null) {
          suspect.add("snapshot " + event.index() + ": " + why);
        }
      }
    }

    /** An event of a block no area of the heap has: no dump can show what the log says of it. */
    private void outsideTheHeap(GcEvent event, Action action) {
      checked++;
      mismatched++;
      if (first.size() < MISMATCHES_KEPT) {
        String want = action == Action.SWEEP ? "FREE" : "HEAD";
        first.add(new Mismatch(event.index(), action, event.startBlock(), event.length(),
            List.of(new Mismatch.BlockDifference(event.startBlock(), want, "in no heap area (" + area.heapBlocks() + " blocks)")), 1));
      }
    }

    private void predict(Action action, GcEvent event, int before) {
      int start = event.startBlock() - lowest;
      switch (action) {
        case ALLOC -> expected.allocation(start, event.length());
        case REALLOC -> {
          expected.allocation(start, event.length());
          expected.free(start + event.length(), start + before);
        }
        case FREE -> expected.freeNextEvent(start, start + before);
        case SWEEP -> {
          expected.free(start, start + 1);
          expected.freeNextEvent(start + 1, start + before);
        }
        case FREE_UNKNOWN -> {
          // an allocation from before the capture: only its head is known
          if (rules.isSweep(event)) {
            expected.free(start, start + 1);
          } else {
            expected.allocation(start, 1);
            expected.freeNextEvent(start, start + 1);
          }
        }
      }
    }

    private void compare(GcEvent event, Action action, byte[] found) {
      checked++;
      List<Mismatch.BlockDifference> differences = new ArrayList<>();
      int differing = 0;
      for (int b = 0; b < expected.blocks(); b++) {
        byte want = expected.expected(b);
        if (want == ExpectedHeap.UNKNOWN) {
          continue;
        }
        int got = found[b] == BlockState.MARK ? BlockState.HEAD : found[b];
        if (got != want) {
          if (differing++ < BLOCKS_PER_MISMATCH) {
            differences.add(new Mismatch.BlockDifference(b + lowest, STATE_NAMES[want], STATE_NAMES[found[b]]));
          }
        }
      }
      int start = event.startBlock() - lowest;
      boolean allocation = action == Action.ALLOC || action == Action.REALLOC;
      if (allocation && start >= 0 && start < found.length && found[start] == BlockState.MARK) {
        // the collector allocates nothing while heads are marked (EventCheck)
        if (differing++ < BLOCKS_PER_MISMATCH) {
          differences.add(new Mismatch.BlockDifference(event.startBlock(), STATE_NAMES[BlockState.HEAD], STATE_NAMES[BlockState.MARK]));
        }
      }
      if (differing > 0) {
        mismatched++;
        if (first.size() < MISMATCHES_KEPT) {
          first.add(new Mismatch(event.index(), action, event.startBlock(), event.length(), differences, differing));
        }
      }
    }
  }
}
