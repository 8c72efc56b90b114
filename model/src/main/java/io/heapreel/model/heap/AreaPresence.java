package io.heapreel.model.heap;

import io.heapreel.model.capture.Memory;
import io.heapreel.model.capture.SnapshotReads;
import java.util.ArrayList;
import java.util.List;

/**
 * When each area of a heap that grows ({@link AreaLinks}) is in the collector's list: per area, the
 * runs of consecutive snapshots whose list holds it. An area is added when an allocation finds no
 * room and given back by a sweep, so the runs are few (at most one per collection) even over
 * 100,000 snapshots.
 *
 * @param areas per area of the heap location, its runs in snapshot order
 */
public record AreaPresence(List<List<Run>> areas) {
  /** Snapshots {@code first} to {@code last}, both included. */
  public record Run(long first, long last) {}

  public AreaPresence {
    areas = areas.stream().map(List::copyOf).toList();
  }

  /**
   * Each area's runs, walked from every snapshot's list (a few words each); null when the heap does
   * not grow, as then every area is in every snapshot. A snapshot that cannot be read (a damaged
   * compressed block, reported where it is decoded) continues the runs of the one before it.
   */
  public static AreaPresence walk(HeapLocation heap, SnapshotReads snapshots, long count) {
    AreaLinks links = heap.links();
    if (links == null || heap.areas().size() < 2) {
      return null;
    }
    int n = heap.areas().size();
    List<List<Run>> runs = new ArrayList<>();
    long[] from = new long[n];
    for (int a = 0; a < n; a++) {
      runs.add(new ArrayList<>());
      from[a] = -1;
    }
    for (long s = 0; s < count; s++) {
      Memory m = snapshots.readable(s).orElse(null);
      if (m == null) {
        continue;
      }
      long mask = links.present(m).areas();
      for (int a = 0; a < n; a++) {
        boolean in = (mask & (1L << a)) != 0;
        if (in && from[a] < 0) {
          from[a] = s;
        } else if (!in && from[a] >= 0) {
          runs.get(a).add(new Run(from[a], s - 1));
          from[a] = -1;
        }
      }
    }
    for (int a = 0; a < n; a++) {
      if (from[a] >= 0) {
        runs.get(a).add(new Run(from[a], count - 1));
      }
    }
    return new AreaPresence(runs);
  }

  /** Whether area {@code a} is in every one of {@code count} snapshots. */
  public boolean always(int a, long count) {
    List<Run> r = areas.get(a);
    return r.size() == 1 && r.get(0).first() == 0 && r.get(0).last() == count - 1;
  }
}
