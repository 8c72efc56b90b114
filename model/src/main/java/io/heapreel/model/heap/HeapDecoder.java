package io.heapreel.model.heap;

import io.heapreel.model.capture.Memory;
import io.heapreel.model.capture.RamSpan;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the block level of one snapshot: the allocation and finaliser tables of every area,
 * exactly as the collector reads them. A linear pass over the tables, each read in one piece
 * ({@link BlockTables}); the rest of the snapshot is read where it lies.
 */
public final class HeapDecoder {
  private final HeapLocation location;
  private final BuiltinTypes types;

  public HeapDecoder(HeapLocation location, BuiltinTypes types) {
    this.location = location;
    this.types = types;
  }

  public HeapLocation location() {
    return location;
  }

  /**
   * The addresses {@link #stats} reads, from the lowest to the highest: every area's allocation and
   * finaliser tables and the anchor's words. A reader may hand {@link #stats} just these bytes.
   */
  public RamSpan statsReads() {
    long low = Long.MAX_VALUE;
    long high = Long.MIN_VALUE;
    for (HeapArea area : location.areas()) {
      low = Math.min(low, area.atbStart());
      high = Math.max(high, area.atbStart() + area.atbBytes());
      if (area.hasFinaliser()) {
        low = Math.min(low, area.ftbStart());
        high = Math.max(high, area.ftbStart() + area.ftbBytes());
      }
    }
    HeapLocation.Anchor anchor = location.anchor();
    if (anchor != null) {
      low = Math.min(low, anchor.address());
      high = Math.max(high, anchor.address() + (long) anchor.words().size() * anchor.wordSize());
    }
    if (location.links() != null) {
      low = Math.min(low, location.links().span().start());
      high = Math.max(high, location.links().span().end());
    }
    if (location.lastUsed() != null) {
      low = Math.min(low, location.lastUsed().span().start());
      high = Math.max(high, location.lastUsed().span().end());
    }
    if (location.rootMaps() != null) { // the maps and their tables, anywhere in the pools
      low = Math.min(low, Math.min(location.rootMaps().span().start(), location.areas().get(0).poolStart()));
      high = Math.max(high, Math.max(location.rootMaps().span().end(), location.areas().get(location.areas().size() - 1).poolEnd()));
    }
    return new RamSpan(low, high);
  }

  public HeapStats stats(Memory snapshot) {
    AreaLinks links = location.links();
    if (links != null) {
      return grownStats(snapshot, links.present(snapshot));
    }
    StatsCounter c = new StatsCounter();
    List<HeapArea> areas = location.areas();
    LastUsedBlocks lastUsed = location.lastUsed();
    for (int a = 0; a < areas.size(); a++) {
      c.scan(snapshot, areas.get(a));
      if (lastUsed != null && c.pastLastUsed == null) {
        c.pastLastUsed = pastLastUsed(snapshot, a, c.highestInUse, lastUsed);
      }
    }
    c.noAnchor = anchorMissing(snapshot);
    c.rootMaps = rootMaps(snapshot, -1L);
    return c.result();
  }

  /** The figures of a heap that grows: the areas its list holds in this snapshot. */
  private HeapStats grownStats(Memory snapshot, AreaLinks.Present present) {
    StatsCounter c = new StatsCounter();
    List<HeapArea> areas = location.areas();
    LastUsedBlocks lastUsed = location.lastUsed();
    // in the list's order, which a sweep follows (an added area may lie below the first one)
    List<Integer> order = present.order();
    for (int i = 0; i < (order == null ? areas.size() : order.size()); i++) {
      int a = order == null ? i : order.get(i);
      if ((present.areas() & (1L << a)) != 0) {
        c.scan(snapshot, areas.get(a));
        if (lastUsed != null && c.pastLastUsed == null) {
          c.pastLastUsed = pastLastUsed(snapshot, a, c.highestInUse, lastUsed);
        }
      }
    }
    c.noAnchor = anchorMissing(snapshot);
    if (c.noAnchor == null) {
      c.noAnchor = present.suspect();
    }
    c.rootMaps = rootMaps(snapshot, present.areas());
    return c.result();
  }

  private String rootMaps(Memory snapshot, long present) {
    RootMaps maps = location.rootMaps();
    return maps == null ? null : maps.disagreement(snapshot, location, present);
  }

  private String anchorMissing(Memory snapshot) {
    HeapLocation.Anchor anchor = location.anchor();
    if (anchor != null && !anchor.heldBy(snapshot)) {
      return String.format(
          "the heap's area descriptor (at 0x%08x in snapshot 0) is not in this dump: damaged, or a dump of other memory", anchor.address());
    }
    return null;
  }

  /**
   * The areas {@code snapshot} has, one bit per area of the location: every area, unless the heap
   * grows ({@link AreaLinks}), when they are those the collector's list holds in this snapshot.
   */
  public AreaLinks.Present present(Memory snapshot) {
    AreaLinks links = location.links();
    if (links == null) {
      return ALL;
    }
    return links.present(snapshot);
  }

  private static final AreaLinks.Present ALL = new AreaLinks.Present(-1L, null);


  /** Why area {@code a}'s table is impossible, when a block in use lies past its descriptor's last used block; else null. */
  private String pastLastUsed(Memory snapshot, int a, int highestInUse, LastUsedBlocks lastUsed) {
    long used = lastUsed.value(snapshot, a);
    HeapArea area = location.areas().get(a);
    if (used < 0 || used >= area.blocks() || highestInUse <= used) {
      return null;
    }
    return String.format("block %d of heap area %d (pool 0x%08x..0x%08x) is in use, past block %d, the highest the"
            + " collector has allocated there (gc_last_used_block in the area's descriptor, at 0x%08x): its allocation"
            + " table, or that word, is damaged", highestInUse, a + 1, area.poolStart(), area.poolEnd(), used,
        lastUsed.addresses().get(a));
  }

  /**
   * Every allocation (HEAD or MARK block with its TAIL blocks), in address order per area. The table
   * is read 32 blocks at a time ({@link BlockTables#states}): the heads of a group as one mask, the
   * tails after a head counted from a mask of tails, which a typing of every grid snapshot and every
   * lifespan's own snapshot reads (docs/speed.md, "eighth step").
   */
  public List<Allocation> allocations(Memory snapshot) {
    List<Allocation> out = new ArrayList<>();
    List<HeapArea> areas = location.areas();
    long present = present(snapshot).areas();
    for (int a = 0; a < areas.size(); a++) {
      if ((present & (1L << a)) == 0) {
        continue;
      }
      HeapArea area = areas.get(a);
      BlockTables tables = BlockTables.read(snapshot, area);
      int blocks = area.blocks();
      int wordSize = area.wordSize();
      for (int first = 0; first < blocks; first += BlockTables.GROUP) {
        long states = tables.states(first);
        long lo = BlockTables.evenBits(states);
        long heads = lo & validBlocks(blocks, first); // HEAD or MARK
        while (heads != 0) {
          int at = Long.numberOfTrailingZeros(heads);
          heads &= heads - 1;
          int b = first + at;
          int end = tailsEnd(tables, b + 1, blocks);
          long address = area.blockAddress(b);
          long typeWord = snapshot.contains(address, wordSize) ? snapshot.word(address, wordSize) : 0;
          boolean marked = ((states >>> (2 * at + 1)) & 1) != 0;
          out.add(new Allocation(a, b, address, end - b, marked, tables.hasFinaliser(b), typeWord, types.nameAt(typeWord)));
        }
      }
    }
    return out;
  }

  /** Bits 0 to n-1 set, n the blocks of the group at {@code first} that lie in the area. */
  private static long validBlocks(int blocks, int first) {
    int n = Math.min(BlockTables.GROUP, blocks - first);
    return (1L << n) - 1;
  }

  /** The first block from {@code from} on that is not a TAIL (or {@code blocks}). */
  private static int tailsEnd(BlockTables tables, int from, int blocks) {
    int end = from;
    while (end < blocks) {
      int first = end & -BlockTables.GROUP;
      long states = tables.states(first);
      long tails = BlockTables.evenBits(states >>> 1) & ~BlockTables.evenBits(states) & validBlocks(blocks, first);
      int shift = end - first;
      int run = Long.numberOfTrailingZeros(~(tails >>> shift));
      end += run;
      if (run < BlockTables.GROUP - shift) {
        break;
      }
    }
    return Math.min(end, blocks);
  }

  /** Groups whose {@link #byteCounts} can be added before a byte overflows: 31 * 8 = 248. */
  private static final int GROUPS_PER_SUM = 31;

  /** The set bits of each byte of {@code x}, in that byte (0 to 8). Small enough for the quick compiler to inline. */
  static long byteCounts(long x) {
    long y = x - ((x >>> 1) & 0x5555555555555555L);
    y = (y & 0x3333333333333333L) + ((y >>> 2) & 0x3333333333333333L);
    return (y + (y >>> 4)) & 0x0F0F0F0F0F0F0F0FL;
  }

  /** The sum of bytes 0-3 of {@code x} in its low half, of bytes 4-7 in its high half (each byte up to 255). */
  static long halves(long x) {
    long y = (x & 0x00FF00FF00FF00FFL) + ((x >>> 8) & 0x00FF00FF00FF00FFL);
    return (y & 0x0000FFFF0000FFFFL) + ((y >>> 16) & 0x0000FFFF0000FFFFL);
  }

  /** Accumulates the figures of one or more areas in a single pass each. */
  private static final class StatsCounter {
    int objects;
    int marked;
    int allocated;
    int tails;
    int orphanTails;
    int free;
    int largestFree;
    int freeRuns;
    int finaliser;
    int total;
    /** What makes a table impossible, read in the same pass (see {@link #suspect()}). */
    int orphanRuns;
    int orphanRunStart = -1;
    boolean tailAtAreaStart;
    int firstMark = -1;
    boolean freeBeforeFirstMark;
    boolean anyFree;
    String noAnchor;
    /** The last block of the area scanned last that is not free, or -1. */
    int highestInUse;
    String pastLastUsed;
    /** The VM's own dicts against their tables in the heap ({@link RootMaps}). */
    String rootMaps;

    /**
     * One area, 32 blocks at a time: the table's 64-bit words split into one 32-bit mask per state.
     * The block before each group is carried in three flags. The masks are counted in pairs, a
     * count per byte ({@link #byteCounts}) added up over up to {@link #GROUPS_PER_SUM} groups before
     * the bytes are summed: on the quick compiler {@code Long.bitCount} is a call of its own (no
     * popcount instruction), and six of them a group were a fifth of the decode.
     */
    void scan(Memory memory, HeapArea area) {
      int blocks = area.blocks();
      BlockTables tables = BlockTables.read(memory, area);
      int base = total;
      total += blocks;
      boolean prevFree = false;
      boolean prevOrphan = false;
      int freeRun = 0;
      highestInUse = -1;
      long freeAndTails = 0; // per byte: free blocks (bytes 0-3), tail blocks (bytes 4-7)
      long headsAndMarks = 0; // HEAD or MARK blocks, MARK blocks
      long finalisedAndRuns = 0; // heads with their finaliser bit, starts of free runs
      int groups = 0;
      for (int first = 0; first < blocks; first += BlockTables.GROUP) {
        int n = Math.min(BlockTables.GROUP, blocks - first);
        long valid = (1L << n) - 1;
        long states = tables.states(first);
        long lo = BlockTables.evenBits(states);
        long hi = BlockTables.evenBits(states >>> 1);
        long f = ~(lo | hi) & valid;
        long t = hi & ~lo & valid;
        long heads = lo & valid; // HEAD or MARK
        long marks = lo & hi & valid;
        long inUse = ~f & valid;
        if (inUse != 0) {
          highestInUse = first + 63 - Long.numberOfLeadingZeros(inUse);
        }

        if (marks != 0 && firstMark < 0) {
          int at = Long.numberOfTrailingZeros(marks);
          firstMark = base + first + at;
          freeBeforeFirstMark = anyFree || (f & ((1L << at) - 1)) != 0;
        }
        anyFree |= f != 0;
        // free runs: one starts at a free block after a block in use
        long runStarts = f & ~((f << 1) | (prevFree ? 1 : 0));
        freeAndTails += byteCounts(f | (t << 32));
        headsAndMarks += byteCounts(heads | (marks << 32));
        finalisedAndRuns += byteCounts((heads & tables.finalisers(first)) | (runStarts << 32));
        if (++groups == GROUPS_PER_SUM) {
          add(freeAndTails, headsAndMarks, finalisedAndRuns);
          freeAndTails = headsAndMarks = finalisedAndRuns = 0;
          groups = 0;
        }

        // orphan tails: a run of tails after a free block or the area's start, or going on from one
        long orphans = 0;
        if (t != 0) {
          long seeds = t & ~(t << 1) & ((f << 1) | (first == 0 || prevFree ? 1 : 0));
          long goingOn = prevOrphan ? t & 1 : 0;
          if ((seeds | goingOn) != 0) {
            orphans = ((t + seeds + goingOn) ^ t) & t; // the carry runs through each run of tails
            orphanTails += Long.bitCount(orphans);
            if (seeds != 0) {
              if (orphanRuns == 0) {
                orphanRunStart = base + first + Long.numberOfTrailingZeros(seeds);
              }
              orphanRuns += Long.bitCount(seeds);
              tailAtAreaStart |= first == 0 && (seeds & 1) != 0;
            }
          }
        }

        // the longest free run: the open run goes on across groups
        for (long x = f; x != 0; ) {
          int used = Long.numberOfTrailingZeros(x);
          if (used > 0) {
            freeRun = 0;
            x >>>= used;
          }
          int run = Long.numberOfTrailingZeros(~x);
          freeRun += run;
          largestFree = Math.max(largestFree, freeRun);
          x >>>= run;
        }
        long last = 1L << (n - 1);
        if ((f & last) == 0) {
          freeRun = 0;
        }
        prevFree = (f & last) != 0;
        prevOrphan = (orphans & last) != 0;
      }
      add(freeAndTails, headsAndMarks, finalisedAndRuns);
      allocated = total - free;
    }

    /** Counts per byte added up over groups, summed into the totals. */
    private void add(long freeAndTails, long headsAndMarks, long finalisedAndRuns) {
      long a = halves(freeAndTails);
      long b = halves(headsAndMarks);
      long c = halves(finalisedAndRuns);
      free += (int) a;
      tails += (int) (a >>> 32);
      objects += (int) b;
      marked += (int) (b >>> 32);
      finaliser += (int) c;
      freeRuns += (int) (c >>> 32);
    }

    /**
     * Orphan tails and MARK heads appear only while a collection sweeps (CAPTURE.md), and a sweep
     * goes up the table: it has freed the head just before its one run of orphan tails and turned
     * every MARK below it back into HEAD. A table that breaks this is no collector's.
     */
    String suspect() {
      if (noAnchor != null) {
        return noAnchor;
      }
      if (allocated == 0) {
        return "no block in use: a dump is taken at a heap event, which leaves at least its own block"
            + " (a dump of other memory, or a RAM span shifted against the dumps?)";
      }
      if (pastLastUsed != null) {
        return pastLastUsed;
      }
      if (tailAtAreaStart) {
        return "a tail block at the start of a heap area";
      }
      if (orphanRuns > 1) {
        return orphanRuns + " runs of orphan tail blocks (a sweep leaves one)";
      }
      if (marked > 0 && !freeBeforeFirstMark) {
        return marked + " MARK heads and no freed block before the first: no sweep in progress";
      }
      if (orphanRuns == 1 && firstMark >= 0 && firstMark < orphanRunStart) {
        return "MARK head at block " + firstMark + " below the sweep's position (orphan tails at block " + orphanRunStart + ")";
      }
      return rootMaps;
    }

    HeapStats result() {
      return new HeapStats(objects, marked, allocated, tails, orphanTails, free, largestFree, freeRuns, finaliser, total, suspect());
    }
  }
}
