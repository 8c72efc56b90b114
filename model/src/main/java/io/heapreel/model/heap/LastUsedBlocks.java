package io.heapreel.model.heap;

import io.heapreel.model.capture.Memory;
import io.heapreel.model.capture.RamSpan;
import io.heapreel.model.capture.SnapshotFile;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Where each area's descriptor keeps {@code gc_last_used_block}, the highest block the collector has
 * allocated in that area (py/mpstate.h, the word after {@code gc_last_free_atb_index}). gc_alloc and
 * gc_realloc raise it before they log; only a sweep lowers it, to the last block it kept, after it
 * has freed every block above. So at every dump no block past it is in use: a table that shows
 * blocks in use there (an area's table all 0xFF: every block a marked head) is damaged, whatever
 * the event. The word is trusted only when the first area's holds it in every sampled dump (a
 * firmware older than v1.21 or another port's struct keeps something else there).
 *
 * @param addresses per area of the heap (in its order), the word's address, or -1 when its
 *     descriptor was not found in snapshot 0
 */
public record LastUsedBlocks(List<Long> addresses, int wordSize) implements Serializable {
  public LastUsedBlocks {
    addresses = List.copyOf(addresses);
  }

  /** The words of {@code heap}'s areas, or null when the descriptors do not hold them. */
  public static LastUsedBlocks find(HeapLocation heap, SnapshotFile snapshots, int wordSize) {
    RamSpan span = snapshots.span();
    List<AreaDescriptorScan.Found> found = AreaDescriptorScan.scan(snapshots.snapshot(0), span, wordSize);
    List<Long> addresses = new ArrayList<>();
    for (HeapArea area : heap.areas()) {
      long at = -1;
      AreaLinks links = heap.links();
      int listed = links == null ? -1 : links.areas().indexOf(area);
      if (listed >= 0) { // a heap that grows: its areas are those of every snapshot's list, not snapshot 0's
        at = links.descriptors().get(listed) + (long) (AreaLinks.words(area).length + 1) * wordSize;
      }
      for (AreaDescriptorScan.Found f : found) {
        long word = f.address() + (long) (f.words() + 1) * wordSize;
        if (f.area().equals(area) && span.contains(word) && span.contains(word + wordSize - 1)) {
          at = word;
        }
      }
      addresses.add(at);
    }
    // the collector's own area, in every snapshot (the lowest, but in a heap that grows)
    int first = heap.links() == null ? 0 : heap.areas().indexOf(heap.links().firstArea());
    if (addresses.get(first) < 0) {
      return null;
    }
    LastUsedBlocks words = new LastUsedBlocks(addresses, wordSize);
    return words.heldBySamples(first, heap.areas().get(first), snapshots) ? words : null;
  }

  /** Whether the first area's word is a last used block in snapshot 0, 1, the middle and the last one. */
  private boolean heldBySamples(int index, HeapArea first, SnapshotFile snapshots) {
    TreeSet<Long> samples = new TreeSet<>(List.of(0L, 1L, snapshots.count() / 2, snapshots.count() - 1));
    samples.removeIf(s -> s >= snapshots.count());
    for (long s : samples) {
      Memory m = snapshots.readable(s).orElse(null);
      if (m == null) {
        return false;
      }
      long used = value(m, index);
      if (used < 0 || used >= first.blocks() || used < highestInUse(m, first)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The word of area {@code area} in {@code m} (read unsigned: a 64-bit word past 2^63 is {@link
   * Long#MAX_VALUE}), or -1 when the area's word is unknown or {@code m} does not hold it.
   */
  long value(Memory m, int area) {
    long at = addresses.get(area);
    if (at < 0 || !m.contains(at, wordSize)) {
      return -1;
    }
    long v = m.word(at, wordSize);
    return v < 0 ? Long.MAX_VALUE : v;
  }

  private static int highestInUse(Memory m, HeapArea area) {
    BlockTables tables = BlockTables.read(m, area);
    for (int b = area.blocks() - 1; b >= 0; b--) {
      if (tables.state(b) != BlockState.FREE) {
        return b;
      }
    }
    return -1;
  }

  /** The lowest and highest bytes the words take (those known). */
  RamSpan span() {
    long low = addresses.stream().filter(a -> a >= 0).mapToLong(Long::longValue).min().orElseThrow();
    long high = addresses.stream().filter(a -> a >= 0).mapToLong(Long::longValue).max().orElseThrow() + wordSize;
    return new RamSpan(low, high);
  }
}
