package io.heapreel.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Groups (call sites or types) whose live blocks keep rising across the capture. Live blocks are
 * counted at {@link #CHECKPOINTS} evenly spaced events; a suspect ends higher than it started, still
 * rises in the second half (so that what start-up allocates once and keeps is no suspect) and falls
 * at no more than a fifth of the steps between checkpoints. Ranked by its growth in blocks.
 */
final class LeakSuspects {
  static final int CHECKPOINTS = 20;
  private static final double MOST_STEPS_NOT_FALLING = 0.8;

  /**
   * @param live live blocks of the group at each checkpoint
   * @param growth blocks alive at the last checkpoint minus at the first
   * @param notFalling share of steps between checkpoints that do not fall
   */
  record Suspect(String name, long allocations, long[] live, long growth, double notFalling) {
    /** Keeps a private copy of {@code live}; the accessor hands out a copy, and equality is by content. */
    Suspect {
      live = live.clone();
    }

    @Override
    public long[] live() {
      return live.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o == this
          || o instanceof Suspect s
              && Objects.equals(name, s.name)
              && allocations == s.allocations
              && Arrays.equals(live, s.live)
              && growth == s.growth
              && Double.compare(notFalling, s.notFalling) == 0;
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, allocations, Arrays.hashCode(live), growth, notFalling);
    }

    @Override
    public String toString() {
      return "Suspect[name=" + name + ", allocations=" + allocations + ", live=" + Arrays.toString(live) + ", growth=" + growth
          + ", notFalling=" + notFalling + "]";
    }
  }

  private LeakSuspects() {}

  /** The checkpoints: {@code CHECKPOINTS} events from the first to the last event, evenly spaced. */
  static long[] checkpoints(long lastEvent) {
    long[] at = new long[CHECKPOINTS];
    for (int k = 0; k < CHECKPOINTS; k++) {
      at[k] = lastEvent * k / (CHECKPOINTS - 1);
    }
    return at;
  }

  /**
   * @param start start event of each lifespan
   * @param end end event of each lifespan, -1 while alive at the end
   * @param group the group of each lifespan, an index into {@code names}
   */
  static List<Suspect> rank(int[] start, int[] end, int[] blocks, int[] group, List<String> names, long lastEvent) {
    long[] at = checkpoints(lastEvent);
    long[][] live = new long[names.size()][CHECKPOINTS];
    long[] allocations = new long[names.size()];
    for (int i = 0; i < start.length; i++) {
      allocations[group[i]]++;
      for (int k = 0; k < CHECKPOINTS; k++) {
        if (start[i] <= at[k] && (end[i] < 0 || end[i] > at[k])) {
          live[group[i]][k] += blocks[i];
        }
      }
    }
    List<Suspect> suspects = new ArrayList<>();
    for (int g = 0; g < names.size(); g++) {
      long[] l = live[g];
      long growth = l[CHECKPOINTS - 1] - l[0];
      int notFalling = 0;
      for (int k = 1; k < CHECKPOINTS; k++) {
        if (l[k] >= l[k - 1]) {
          notFalling++;
        }
      }
      double share = notFalling / (double) (CHECKPOINTS - 1);
      boolean risesLate = l[CHECKPOINTS - 1] > l[CHECKPOINTS / 2 - 1];
      if (growth > 0 && risesLate && share >= MOST_STEPS_NOT_FALLING) {
        suspects.add(new Suspect(names.get(g), allocations[g], l, growth, share));
      }
    }
    suspects.sort(Comparator.comparingLong(Suspect::growth).reversed().thenComparing(Suspect::name));
    return suspects;
  }
}
