package io.heapreel.testkit.generate;

/**
 * The per-snapshot figures from the simulator's own block states and finaliser bits (not from
 * decoding the RAM image), in the column order of {@code expected/stats.csv}.
 */
final class OracleStats {
  static final String HEADER =
      "snapshot,objects,marked,allocated_blocks,tail_blocks,orphan_tail_blocks,free_blocks,largest_free_blocks,free_runs,finaliser_blocks";

  private OracleStats() {}

  static void row(long snapshot, byte[] state, boolean[] finaliser, StringBuilder out) {
    int objects = 0;
    int marked = 0;
    int tails = 0;
    int orphans = 0;
    int free = 0;
    int largest = 0;
    int runs = 0;
    int withFinaliser = 0;
    int run = 0;
    boolean continuing = false;
    int gaps = 0;
    for (int b = 0; b < state.length; b++) {
      int s = state[b];
      if (s == GcSimulator.GAP) {
        // between two areas: no block of the heap, and no run goes across
        gaps++;
        run = 0;
        continuing = false;
        continue;
      }
      if (s == GcSimulator.FREE) {
        free++;
        run++;
        if (run == 1) {
          runs++;
        }
        largest = Math.max(largest, run);
        continuing = false;
        continue;
      }
      run = 0;
      if (s == GcSimulator.TAIL) {
        tails++;
        if (!continuing) {
          orphans++;
        }
      } else {
        objects++;
        continuing = true;
        if (s == GcSimulator.MARK) {
          marked++;
        }
        if (finaliser[b]) {
          withFinaliser++;
        }
      }
    }
    out.append(snapshot).append(',').append(objects).append(',').append(marked).append(',').append(state.length - gaps - free)
        .append(',').append(tails).append(',').append(orphans).append(',').append(free).append(',').append(largest)
        .append(',').append(runs).append(',').append(withFinaliser).append('\n');
  }
}
