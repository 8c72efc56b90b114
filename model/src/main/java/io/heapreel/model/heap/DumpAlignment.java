package io.heapreel.model.heap;

import io.heapreel.model.error.CaptureException;
import io.heapreel.model.capture.Memory;
import io.heapreel.model.capture.RamSpan;
import io.heapreel.model.capture.SnapshotFile;
import io.heapreel.model.capture.SymbolTable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Whether ram.bin is really cut into dumps of the RAM span in use. The collector's area descriptor
 * never changes after start-up, so it sits at the same address in every dump: a span several dumps
 * long (the map of other firmware) holds it once per glued dump, and a span that is too short cuts
 * dumps so that the descriptor moves from snapshot to snapshot. Only the size of ram.bin being a
 * multiple of the span proves nothing.
 */
public final class DumpAlignment {
  private static final int MOST_GLUED = 16;

  private DumpAlignment() {}

  /**
   * Refuses a span that cannot be right; adds a warning when some sampled snapshots disagree.
   * Returns the descriptor as an anchor every dump must hold, or null when there is none.
   */
  public static HeapLocation.Anchor check(SnapshotFile snapshots, int wordSize, SymbolTable symbols, List<String> warnings) {
    RamSpan span = snapshots.span();
    Memory first = snapshots.snapshot(0);
    allZero(snapshots, warnings);
    List<AreaDescriptorScan.Found> found = AreaDescriptorScan.scan(first, span, wordSize);
    if (found.isEmpty()) {
      return null;
    }
    long at = found.get(0).address();
    symbols.find("mp_state_ctx").filter(s -> s.size() > 0 && !s.contains(at)).ifPresent(s -> warnings.add(String.format(
        "the heap's area descriptor is at 0x%08x, outside mp_state_ctx (0x%08x, %d bytes), where the collector keeps it:"
            + " the RAM span %s may be shifted against the dumps, or the symbols are of other firmware",
        at, s.address(), s.size(), span)));
    int words = found.get(0).words();
    int glued = glued(first, span, at, words, wordSize);
    if (glued > 1) {
      throw new CaptureException(String.format(
          "%s: the RAM span %s holds the heap's area descriptor %d times, every %d bytes: each snapshot"
              + " would be %d dumps glued together. The RAM bounds (the map's _srelocate/_estack, or --ram-start/--ram-end)"
              + " are not this capture's firmware's",
          snapshots.name(), span, glued, span.length() / glued, glued));
    }
    List<Long> moved = new ArrayList<>();
    int unreadable = 0;
    TreeSet<Long> samples = new TreeSet<>(List.of(1L, snapshots.count() / 2, snapshots.count() - 1));
    samples.removeIf(s -> s <= 0 || s >= snapshots.count());
    for (long s : samples) {
      Memory m = snapshots.readable(s).orElse(null);
      if (m == null) {
        unreadable++;
      } else if (!sameWords(first, m, at, words, wordSize)) {
        moved.add(s);
      }
    }
    List<Long> held = new ArrayList<>();
    for (int i = 0; i < words; i++) {
      held.add(first.word(at + (long) i * wordSize, wordSize));
    }
    HeapLocation.Anchor anchor = new HeapLocation.Anchor(at, held, wordSize);
    if (moved.isEmpty()) {
      return anchor;
    }
    String what = String.format(
        "%s: the heap's area descriptor at 0x%08x in snapshot 0 is not there in snapshot(s) %s",
        snapshots.name(), at, moved);
    if (moved.size() == samples.size() - unreadable) {
      throw new CaptureException(what + ": ram.bin is not cut into dumps of the RAM span " + span
          + "; are the map or --ram-start/--ram-end of other firmware?");
    }
    warnings.add(what + ": those dumps may be damaged or of another capture");
    return anchor;
  }

  /** Dumps of nothing but zero bytes hold no heap state; looked for in the sampled ones. */
  private static void allZero(SnapshotFile snapshots, List<String> warnings) {
    TreeSet<Long> samples = new TreeSet<>(List.of(0L, 1L, snapshots.count() / 2, snapshots.count() - 1));
    samples.removeIf(s -> s < 0 || s >= snapshots.count());
    List<Long> zero = new ArrayList<>();
    for (long s : samples) {
      Memory m = snapshots.readable(s).orElse(null);
      if (m instanceof io.heapreel.model.capture.Snapshot snapshot && snapshot.isAllZero()) {
        zero.add(s);
      }
    }
    if (!zero.isEmpty()) {
      warnings.add(snapshots.name() + ": snapshot(s) " + zero + " are all zero bytes: nothing was dumped there");
    }
  }


  /** The largest d for which the descriptor repeats every span/d bytes through the whole span. */
  private static int glued(Memory m, RamSpan span, long at, int words, int wordSize) {
    int most = 1;
    for (int d = 2; d <= MOST_GLUED; d++) {
      long part = span.length() / d;
      if (span.length() % d != 0 || part % wordSize != 0 || part < (long) words * wordSize) {
        continue;
      }
      long offset = (at - span.start()) % part;
      boolean every = true;
      for (int j = 0; j < d && every; j++) {
        long a = span.start() + offset + j * part;
        every = a + (long) words * wordSize <= span.end() && sameWords(m, m, at, a, words, wordSize);
      }
      if (every) {
        most = d;
      }
    }
    return most;
  }

  private static boolean sameWords(Memory a, Memory b, long at, int words, int wordSize) {
    return sameWords(a, b, at, at, words, wordSize);
  }

  private static boolean sameWords(Memory a, Memory b, long atA, long atB, int words, int wordSize) {
    for (int i = 0; i < words; i++) {
      if (a.word(atA + (long) i * wordSize, wordSize) != b.word(atB + (long) i * wordSize, wordSize)) {
        return false;
      }
    }
    return true;
  }
}
