package io.heapreel.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Lifetimes of the allocations of each group (type or call site), in events: how many, how many
 * are still alive at the end, and the median and longest lifespan of those that ended.
 */
final class LifespanStats {
  /**
   * @param medianEvents median lifespan of the ended allocations (the lower middle for an even count), -1 when none ended
   * @param longestEvents longest lifespan of the ended allocations, -1 when none ended
   */
  record Row(String name, long allocations, long blocksAllocated, long aliveAtEnd, long blocksAliveAtEnd, long medianEvents, long longestEvents) {}

  private LifespanStats() {}

  /** One row per group that has allocations, most blocks alive at the end first. */
  static List<Row> of(int[] start, int[] end, int[] blocks, int[] group, List<String> names) {
    int groups = names.size();
    long[] allocations = new long[groups];
    long[] blocksAllocated = new long[groups];
    long[] alive = new long[groups];
    long[] blocksAlive = new long[groups];
    int[] ended = new int[groups];
    for (int i = 0; i < start.length; i++) {
      int g = group[i];
      allocations[g]++;
      blocksAllocated[g] += blocks[i];
      if (end[i] < 0) {
        alive[g]++;
        blocksAlive[g] += blocks[i];
      } else {
        ended[g]++;
      }
    }
    int[][] lengths = new int[groups][];
    for (int g = 0; g < groups; g++) {
      lengths[g] = new int[ended[g]];
    }
    int[] filled = new int[groups];
    for (int i = 0; i < start.length; i++) {
      if (end[i] >= 0) {
        lengths[group[i]][filled[group[i]]++] = end[i] - start[i];
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      if (allocations[g] == 0) {
        continue;
      }
      int[] l = lengths[g];
      Arrays.sort(l);
      long median = l.length == 0 ? -1 : l[(l.length - 1) / 2];
      long longest = l.length == 0 ? -1 : l[l.length - 1];
      rows.add(new Row(names.get(g), allocations[g], blocksAllocated[g], alive[g], blocksAlive[g], median, longest));
    }
    rows.sort(Comparator.comparingLong(Row::blocksAliveAtEnd).reversed().thenComparing(Comparator.comparingLong(Row::allocations).reversed()).thenComparing(Row::name));
    return rows;
  }
}
