package io.heapreel.model.heap;

import io.heapreel.model.capture.Memory;
import io.heapreel.model.capture.RamSpan;
import java.io.Serializable;
import java.util.List;

/**
 * The collector's list of heap areas, for a firmware that adds heap areas as it runs ({@code
 * MICROPY_GC_SPLIT_HEAP_AUTO}, the esp32 port's setting: an allocation that finds no room adds an
 * area from the system heap, its descriptor at the area's own start, and a sweep frees an area it
 * leaves empty). The areas a snapshot has are those its list holds, from the first area's {@code
 * next} word in {@code mp_state_ctx} on; {@link #present} walks it in each snapshot (a few words an
 * area) and says which of the capture's areas it holds.
 *
 * @param head where the first area's {@code next} word lies (with a split heap, {@code
 *     mp_state_mem_area_t} begins with it)
 * @param descriptors where each area's descriptor lies (its alloc table start word), in the order of
 *     {@code areas}
 * @param areas every area some snapshot's list holds, as the heap location orders them
 */
public record AreaLinks(long head, List<Long> descriptors, List<HeapArea> areas, int wordSize) implements Serializable {
  /**
   * The symbol of the port function that tells the collector how much room a new area may take:
   * only a firmware built to add areas at run time has it (py/gc.h).
   */
  public static final String GROWS_SYMBOL = "gc_get_max_new_split";

  /** Areas a presence mask can name. */
  public static final int MOST_AREAS = Long.SIZE;

  public AreaLinks {
    descriptors = List.copyOf(descriptors);
    areas = List.copyOf(areas);
    if (areas.size() != descriptors.size() || areas.size() > MOST_AREAS) {
      throw new IllegalArgumentException("one descriptor per area, at most " + MOST_AREAS + ": " + descriptors + ", " + areas);
    }
  }

  /** The first area, the collector's own (its descriptor in {@code mp_state_ctx}, just after {@link #head}), never given back. */
  public HeapArea firstArea() {
    long at = head + wordSize;
    for (int i = 0; i < descriptors.size(); i++) {
      if (descriptors.get(i) == at) {
        return areas.get(i);
      }
    }
    throw new IllegalStateException("no area's descriptor follows the list's head at 0x" + Long.toHexString(head));
  }

  /**
   * The areas one snapshot's list holds, one bit per area of {@link #areas}.
   *
   * @param suspect why the list cannot be followed to its end through areas heapreel knows, or null
   */
  public record Present(long areas, String suspect, List<Integer> order) {
    /**
     * @param order the areas in the list's order (the collector sweeps them in it), or null for the
     *     order of {@link #areas}
     */
    public Present {
      order = order == null ? null : List.copyOf(order);
    }

    public Present(long areas, String suspect) {
      this(areas, suspect, null);
    }
  }

  /** Which areas {@code m} holds: its list walked from {@link #head}. */
  public Present present(Memory m) {
    // the first area's descriptor is the heap location's anchor, which every snapshot's decode checks
    int first = descriptors.indexOf(head + wordSize);
    long mask = 1L << first;
    List<Integer> order = new java.util.ArrayList<>(List.of(first));
    long at = head;
    while (true) {
      if (!m.contains(at, wordSize)) {
        return new Present(mask, String.format("the collector's list of heap areas leaves RAM (a link at 0x%08x)", at));
      }
      long next = m.word(at, wordSize);
      if (next == 0) {
        return new Present(mask, null, order);
      }
      long descriptor = next + wordSize;
      int i = areaAt(m, descriptor);
      if (i == OTHER_GEOMETRY) {
        return new Present(mask, String.format(
            "the heap area descriptor at 0x%08x describes another area than heapreel found there when it opened the"
                + " capture (the memory given to an area of other geometry?), so this snapshot's figures leave it out",
            descriptor));
      }
      if (i < 0) {
        return new Present(mask, String.format(
            "the collector's list of heap areas links to a descriptor at 0x%08x that is none of the %d areas heapreel"
                + " found when it opened the capture (MICROPY_GC_SPLIT_HEAP_AUTO: an area it could not place, see the"
                + " warning), so this snapshot's figures leave that area out", descriptor, areas.size()));
      }
      if ((mask & (1L << i)) != 0) {
        return new Present(mask, String.format("the collector's list of heap areas loops (back to 0x%08x)", descriptor));
      }
      int overlapping = overlapping(mask, areas.get(i));
      if (overlapping >= 0) {
        return new Present(mask, String.format(
            "the collector's list of heap areas holds the area at 0x%08x and the one at 0x%08x, whose memory overlaps",
            descriptor, descriptors.get(overlapping)));
      }
      mask |= 1L << i;
      order.add(i);
      at = next;
    }
  }

  /** {@link #areaAt}: a descriptor of the capture's lies there, but its words describe none of its areas. */
  private static final int OTHER_GEOMETRY = -2;

  /**
   * The area whose descriptor lies at {@code at} and holds its words in {@code m}: the same memory
   * may have been two areas of other geometry at other times. -1 when no area's descriptor lies
   * there, {@link #OTHER_GEOMETRY} when one does but none has these words.
   */
  private int areaAt(Memory m, long at) {
    int found = -1;
    for (int i = 0; i < descriptors.size(); i++) {
      if (descriptors.get(i) == at) {
        if (describes(m, at, areas.get(i))) {
          return i;
        }
        found = OTHER_GEOMETRY;
      }
    }
    return found;
  }

  /** The first area of {@code mask} whose tables or pool overlap {@code area}'s, or -1. */
  private int overlapping(long mask, HeapArea area) {
    for (int j = 0; j < areas.size(); j++) {
      HeapArea other = areas.get(j);
      if ((mask & (1L << j)) != 0 && other.atbStart() < area.poolEnd() && area.atbStart() < other.poolEnd()) {
        return j;
      }
    }
    return -1;
  }

  /** Whether the descriptor at {@code at} holds the words of {@code area}. */
  private boolean describes(Memory m, long at, HeapArea area) {
    long[] words = words(area);
    if (!m.contains(at, words.length * wordSize)) {
      return false;
    }
    for (int i = 0; i < words.length; i++) {
      if (m.word(at + (long) i * wordSize, wordSize) != words[i]) {
        return false;
      }
    }
    return true;
  }

  /** A descriptor's words from its alloc table start on (py/mpstate.h {@code mp_state_mem_area_t}). */
  static long[] words(HeapArea a) {
    int tables = (a.hasFinaliser() ? 1 : 0) + (a.hasWeakrefTable() ? 1 : 0);
    long[] words = new long[4 + tables];
    words[0] = a.atbStart();
    words[1] = a.atbBytes();
    int i = 2;
    if (a.hasFinaliser()) {
      words[i++] = a.ftbStart();
    }
    if (a.hasWeakrefTable()) {
      words[i++] = a.wtbStart();
    }
    words[i++] = a.poolStart();
    words[i] = a.poolEnd();
    return words;
  }

  /** The lowest and highest bytes the list's words take: the head and every descriptor. */
  RamSpan span() {
    long low = head;
    long high = head + wordSize;
    for (int i = 0; i < areas.size(); i++) {
      long link = descriptors.get(i) - wordSize;
      low = Math.min(low, link);
      high = Math.max(high, descriptors.get(i) + (long) words(areas.get(i)).length * wordSize);
    }
    return new RamSpan(low, high);
  }
}
