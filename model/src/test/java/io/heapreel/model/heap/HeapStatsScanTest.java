package io.heapreel.model.heap;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.capture.SymbolTable;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The decoder's word-at-a-time statistics against a block-by-block count written for this test, on
 * random allocation tables of one and two areas (runs of every length, groups of 32 blocks cut
 * anywhere, sweeps half done, finaliser bits), so every carry from one 32-block group to the next is
 * exercised.
 */
class HeapStatsScanTest {
  private static final long RAM = 0x20000000L;

  @Test
  void wordScanEqualsABlockByBlockCount() {
    Random random = new Random(20);
    for (int round = 0; round < 3000; round++) {
      HeapArea first = area(RAM + 0x100, 256 + random.nextInt(3000));
      HeapArea second = area(RAM + 0x1000, 256 + random.nextInt(1500));
      boolean two = random.nextBoolean();
      TestRam ram = new TestRam(RAM, 0x2000);
      fill(ram, first, random);
      if (two) {
        fill(ram, second, random);
      }
      List<HeapArea> areas = two ? List.of(first, second) : List.of(first);
      HeapStats decoded =
          new HeapDecoder(new HeapLocation(areas, HeapLocation.Method.EXPLICIT, ""), BuiltinTypes.from(SymbolTable.empty()))
              .stats(ram.snapshot());
      assertThat(decoded).as("round %d", round).isEqualTo(blockByBlock(ram, areas));
    }
  }

  private static HeapArea area(long start, int bytes) {
    return HeapGeometry.area(start, start + bytes, 4, true, HeapGeometry.Formula.MICROPYTHON);
  }

  /** Runs of one state, lengths 1 to 70; some tables mostly free, some with marks and orphan tails. */
  private static void fill(TestRam ram, HeapArea area, Random random) {
    String kinds = switch (random.nextInt(4)) {
      case 0 -> "h=.";
      case 1 -> "h==..";
      case 2 -> "hm=.";
      default -> ".";
    };
    StringBuilder picture = new StringBuilder();
    while (picture.length() < area.blocks()) {
      char c = kinds.charAt(random.nextInt(kinds.length()));
      int run = random.nextInt(8) == 0 ? 1 + random.nextInt(70) : 1 + random.nextInt(4);
      picture.append(String.valueOf(c).repeat(Math.min(run, area.blocks() - picture.length())));
    }
    ram.states(area, picture.toString());
    for (int b = 0; b < area.blocks(); b++) {
      if (random.nextInt(5) == 0) {
        ram.finaliser(area, b);
      }
    }
  }

  /** The figures counted one block at a time, in the collector's own terms. */
  private static HeapStats blockByBlock(TestRam ram, List<HeapArea> areas) {
    var snapshot = ram.snapshot();
    int objects = 0, marked = 0, allocated = 0, tails = 0, orphanTails = 0, free = 0, largest = 0, runs = 0, fin = 0, total = 0;
    int orphanRuns = 0, orphanRunStart = -1, firstMark = -1;
    boolean tailAtAreaStart = false, freeBeforeFirstMark = false, anyFree = false;
    for (HeapArea area : areas) {
      int blocks = area.blocks();
      int run = 0;
      boolean owned = false; // inside an allocation whose head is still there
      for (int b = 0; b < blocks; b++, total++) {
        int state = BlockState.of(snapshot, area, b);
        boolean finaliserBit = (snapshot.u8(area.ftbStart() + b / 8) >> (b % 8) & 1) != 0;
        if (state == BlockState.FREE) {
          anyFree = true;
          free++;
          runs += run == 0 ? 1 : 0;
          largest = Math.max(largest, ++run);
          owned = false;
          continue;
        }
        run = 0;
        allocated++;
        if (state == BlockState.TAIL) {
          tails++;
          if (!owned) {
            boolean startsRun = b == 0 || BlockState.of(snapshot, area, b - 1) != BlockState.TAIL;
            if (startsRun) {
              orphanRunStart = orphanRuns++ == 0 ? total : orphanRunStart;
              tailAtAreaStart |= b == 0;
            }
            orphanTails++;
          }
          continue;
        }
        objects++;
        owned = true;
        if (state == BlockState.MARK && marked++ == 0) {
          firstMark = total;
          freeBeforeFirstMark = anyFree;
        }
        fin += finaliserBit ? 1 : 0;
      }
    }
    String suspect = null;
    if (allocated == 0) {
      suspect = "no block in use: a dump is taken at a heap event, which leaves at least its own block"
          + " (a dump of other memory, or a RAM span shifted against the dumps?)";
    } else if (tailAtAreaStart) {
      suspect = "a tail block at the start of a heap area";
    } else if (orphanRuns > 1) {
      suspect = orphanRuns + " runs of orphan tail blocks (a sweep leaves one)";
    } else if (marked > 0 && !freeBeforeFirstMark) {
      suspect = marked + " MARK heads and no freed block before the first: no sweep in progress";
    } else if (orphanRuns == 1 && firstMark >= 0 && firstMark < orphanRunStart) {
      suspect = "MARK head at block " + firstMark + " below the sweep's position (orphan tails at block " + orphanRunStart + ")";
    }
    return new HeapStats(objects, marked, allocated, tails, orphanTails, free, largest, runs, fin, total, suspect);
  }
}
