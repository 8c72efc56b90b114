package io.heapreel.model.heap;

import io.heapreel.model.capture.Memory;
import io.heapreel.model.capture.RamSpan;
import io.heapreel.model.error.CaptureException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Chooses how {@code gc_setup_area} laid out heap regions given only as ranges (by {@code
 * --heap-area} or the heap symbol) when the collector's own area descriptor is not in the dumps:
 * the block size ({@code MICROPY_BYTES_PER_GC_BLOCK}) and the one-bit tables (finaliser, weakref)
 * are build options, and each moves the pool. A pointer the program holds to an object points at
 * the first byte of an allocated block; so among the layouts the formula gives, the snapshot's
 * words that land exactly on a head block's start tell the real one from the others, where a
 * wrong layout's pool and table only line up with them by chance.
 */
public final class GeometryChoice {
  /** The layout chosen must score at least this many times any layout with other pools. */
  private static final int MARGIN = 2;

  /** What a pointer at a free or tail block costs a layout's score. */
  private static final int MISS_COST = 1;

  /** One build's layout of the regions, and how well the snapshot's pointers agree with it ({@link #score}). */
  record Candidate(int bytesPerBlock, boolean finaliser, boolean weakref, List<HeapArea> areas, int score) {
    /** Equal for layouts whose alloc tables and pools are the same; they differ only in one-bit tables. */
    List<Long> pools() {
      return areas.stream()
          .flatMap(a -> java.util.stream.Stream.of(a.atbStart(), (long) a.atbBytes(), a.poolStart(), (long) a.bytesPerBlock()))
          .toList();
    }

    String describe() {
      String tables = finaliser && weakref ? "finaliser and weakref tables" : finaliser ? "a finaliser table" : weakref ? "a weakref table" : "no finaliser table";
      return bytesPerBlock + "-byte blocks with " + tables;
    }
  }

  /** No layout stands out in this snapshot: another snapshot may settle it, or the user's block size. */
  public static final class Unsettled extends CaptureException {
    private static final long serialVersionUID = 1L;

    Unsettled(String message) {
      super(message);
    }
  }

  /** The layouts chosen, and why, for the run summary. */
  public record Choice(List<HeapArea> areas, String reason) {}

  private final int wordSize;
  private final HeapGeometry.Formula formula;
  private final boolean finaliserAllowed;
  private final int bytesPerBlock;

  /**
   * @param finaliserAllowed false when the user said the areas have no finaliser table
   * @param bytesPerBlock the block size the user gave, or 0 to find it
   */
  public GeometryChoice(int wordSize, HeapGeometry.Formula formula, boolean finaliserAllowed, int bytesPerBlock) {
    this.wordSize = wordSize;
    this.formula = formula;
    this.finaliserAllowed = finaliserAllowed;
    this.bytesPerBlock = bytesPerBlock;
  }

  /**
   * The layout of {@code regions} that {@code snapshot}'s pointers agree with; a user's block size
   * or {@code --no-finaliser} narrow the choice, but the data must not clearly prefer another.
   *
   * @param what the regions' source, for messages ("--heap-area", "the heap symbol")
   */
  public Choice choose(List<AddressRange> regions, Memory snapshot, RamSpan ram, String what) {
    for (AddressRange r : regions) {
      if (r.start() < ram.start() || r.end() > ram.end()) {
        throw new CaptureException(String.format(
            "%s: heap area %s lies outside the RAM span %s of the dumps; check --heap-area and the RAM symbols", what, r, ram));
      }
    }
    List<Candidate> all = candidates(regions, snapshot, ram);
    List<Candidate> allowed = all.stream().filter(this::allowed).toList();
    if (allowed.isEmpty()) {
      throw new CaptureException(String.format(
          "%s %s: no layout of the collector's tables fits it%s (too small, outside the dumped RAM, or the byte after the"
              + " allocation table is not zero)",
          what, regions, bytesPerBlock > 0 ? " with " + bytesPerBlock + "-byte blocks" : ""));
    }
    Candidate best = preferred(allowed);
    Candidate rival = strongestOther(all, best);
    if (rival != null && !allowed.contains(rival) && rival.score() >= MARGIN * Math.max(best.score(), 1)) {
      throw new CaptureException(String.format(
          "%s %s: the layout given (%s) does not fit the snapshot's pointers (score %d against %d for %s);"
              + " check --block-size and --no-finaliser",
          what, regions, best.describe(), best.score(), rival.score(), rival.describe()));
    }
    Candidate next = strongestOther(allowed, best);
    int nextScore = next == null ? 0 : Math.max(next.score(), 0);
    boolean clear = best.score() > 0 && best.score() >= MARGIN * nextScore;
    if (!clear && bytesPerBlock == 0) {
      throw new Unsettled(String.format(
          "%s %s: cannot tell the collector's layout from the snapshot's pointers, and its area descriptor is not in the"
              + " dumped RAM (score %d for %s, %d for %s); give the block size with --block-size BYTES",
          what, regions, best.score(), best.describe(), nextScore, next == null ? "any other layout" : next.describe()));
    }
    String reason = String.format("%s, by the snapshot's pointers at allocated blocks (score %d; next best %s)",
        best.describe(), best.score(), next == null ? "none" : next.describe() + ", " + next.score());
    if (undecided(allowed, best, Candidate::finaliser)) {
      reason += "; a finaliser table would not move this pool, so whether there is one is not known";
    }
    if (undecided(allowed, best, Candidate::weakref)) {
      reason += "; a weakref table would not move this pool, so whether there is one is not known";
    }
    return new Choice(best.areas(), clear ? reason : reason + "; the block size as given");
  }

  /** Whether a layout with the same pools as {@code best} differs from it in {@code table}. */
  private static boolean undecided(List<Candidate> allowed, Candidate best, Predicate<Candidate> table) {
    return allowed.stream().anyMatch(c -> c.pools().equals(best.pools()) && table.test(c) != table.test(best));
  }

  private boolean allowed(Candidate c) {
    return (bytesPerBlock == 0 || c.bytesPerBlock() == bytesPerBlock) && (finaliserAllowed || !c.finaliser());
  }

  /**
   * The candidate with the best score; among layouts with the same pools (the one-bit tables moved the
   * pool by less than a block), the firmware's defaults: a finaliser table, no weakref table.
   */
  private static Candidate preferred(List<Candidate> candidates) {
    return candidates.stream()
        .max(Comparator.comparingInt(Candidate::score)
            .thenComparing(c -> c.finaliser())
            .thenComparing(c -> !c.weakref()))
        .orElseThrow();
  }

  /** The best candidate whose pools differ from {@code best}'s, or null. */
  private static Candidate strongestOther(List<Candidate> candidates, Candidate best) {
    return candidates.stream()
        .filter(c -> !c.pools().equals(best.pools()))
        .max(Comparator.comparingInt(Candidate::score))
        .orElse(null);
  }

  private List<Candidate> candidates(List<AddressRange> regions, Memory snapshot, RamSpan ram) {
    Pointers pointers = poolPointers(regions, snapshot, ram);
    List<Candidate> out = new ArrayList<>();
    for (int words = 1; words <= HeapGeometry.MAX_WORDS_PER_BLOCK; words *= 2) {
      for (int tables = 0; tables < 4; tables++) {
        boolean finaliser = (tables & 1) != 0;
        boolean weakref = (tables & 2) != 0;
        List<HeapArea> areas = new ArrayList<>();
        for (AddressRange r : regions) {
          HeapArea a = HeapGeometry.areaOrNull(r.start(), r.end(), wordSize, words * wordSize, finaliser, weakref, formula);
          if (a != null && fits(a, snapshot, ram)) {
            areas.add(a);
          }
        }
        if (areas.size() == regions.size()) {
          out.add(new Candidate(words * wordSize, finaliser, weakref, List.copyOf(areas), score(areas, snapshot, pointers)));
        }
      }
    }
    return out;
  }

  /** Its tables in the dumped RAM, and (v1.2x) the gap byte after the allocation table still zero, as gc_setup_area left it. */
  private boolean fits(HeapArea a, Memory snapshot, RamSpan ram) {
    if (a.atbStart() < ram.start() || a.tablesEnd() > ram.end() || a.poolEnd() > ram.end()) {
      return false;
    }
    return formula != HeapGeometry.Formula.MICROPYTHON || snapshot.u8(a.atbStart() + a.atbBytes()) == 0;
  }

  /** The aligned words of a snapshot's RAM that point into any of the regions, and where each lies. */
  private record Pointers(long[] at, long[] to, int count) {}

  private Pointers poolPointers(List<AddressRange> regions, Memory snapshot, RamSpan ram) {
    long[] at = new long[64];
    long[] to = new long[64];
    int n = 0;
    long first = (ram.start() + wordSize - 1) & -(long) wordSize;
    for (long a = first; a + wordSize <= ram.end(); a += wordSize) {
      long w = snapshot.word(a, wordSize);
      if (w % wordSize == 0 && inAny(regions, w)) {
        if (n == at.length) {
          at = Arrays.copyOf(at, n * 2);
          to = Arrays.copyOf(to, n * 2);
        }
        at[n] = a;
        to[n++] = w;
      }
    }
    return new Pointers(at, to, n);
  }

  private static boolean inAny(List<AddressRange> regions, long address) {
    for (AddressRange r : regions) {
      if (address >= r.start() && address < r.end()) {
        return true;
      }
    }
    return false;
  }

  /**
   * How well a layout's head blocks agree with the pointers: each word held outside the pool or in
   * an allocated block (a free block's words are stale) that points at a block's first byte counts
   * one when that block is a head (or a marked head, mid-collection) and minus {@link #MISS_COST}
   * when it is free or a tail. Held pointers at heads are the rule for the real layout; stale words
   * on the stack and interior pointers make a few misses. A wrong layout's pool puts most of them
   * on whatever block the shift lands on.
   */
  private static int score(List<HeapArea> areas, Memory snapshot, Pointers pointers) {
    int score = 0;
    List<BlockTables> tables = areas.stream().map(a -> BlockTables.read(snapshot, a)).toList();
    for (int i = 0; i < pointers.count(); i++) {
      if (heldInFreeBlock(areas, tables, pointers.at()[i])) {
        continue;
      }
      long p = pointers.to()[i];
      for (int k = 0; k < areas.size(); k++) {
        HeapArea a = areas.get(k);
        if (a.inPool(p) && (p - a.poolStart()) % a.bytesPerBlock() == 0) {
          int block = a.blockOf(p);
          score += block < a.blocks() && BlockState.isHead(tables.get(k).state(block)) ? 1 : -MISS_COST;
        }
      }
    }
    return score;
  }

  private static boolean heldInFreeBlock(List<HeapArea> areas, List<BlockTables> tables, long address) {
    for (int k = 0; k < areas.size(); k++) {
      HeapArea a = areas.get(k);
      if (a.inPool(address)) {
        int block = a.blockOf(address);
        return block >= a.blocks() || tables.get(k).state(block) == BlockState.FREE;
      }
    }
    return false;
  }
}
