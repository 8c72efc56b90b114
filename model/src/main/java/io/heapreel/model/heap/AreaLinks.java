package io.heapreel.model.heap;

import io.heapreel.model.capture.Memory;
import io.heapreel.model.capture.RamSpan;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code next} word of every area descriptor, as snapshot 0 holds them, for a firmware that
 * adds heap areas as it runs ({@code MICROPY_GC_SPLIT_HEAP_AUTO}, the esp32 port's setting: an
 * allocation that finds no room adds an area from the system heap, and a sweep frees an area it
 * leaves empty). A snapshot whose links differ has areas heapreel did not find in snapshot 0, or
 * lacks some: heapreel decodes a fixed set of areas, so that snapshot's figures are not the heap's.
 *
 * @param addresses where each link lies: the word before the descriptor's allocation table start
 *     (with a split heap, {@code mp_state_mem_area_t} begins with {@code next})
 * @param values what snapshot 0 holds there
 */
public record AreaLinks(List<Long> addresses, List<Long> values, int wordSize) implements Serializable {
  /**
   * The symbol of the port function that tells the collector how much room a new area may take:
   * only a firmware built to add areas at run time has it (py/gc.h).
   */
  public static final String GROWS_SYMBOL = "gc_get_max_new_split";

  public AreaLinks {
    addresses = List.copyOf(addresses);
    values = List.copyOf(values);
  }

  /** The links of the descriptors of {@code areas} that {@code first} holds, or null when it holds none. */
  public static AreaLinks of(Memory first, RamSpan span, List<HeapArea> areas, int wordSize) {
    List<Long> addresses = new ArrayList<>();
    List<Long> values = new ArrayList<>();
    for (AreaDescriptorScan.Found f : AreaDescriptorScan.scan(first, span, wordSize)) {
      long link = f.linkAddress(wordSize);
      if (areas.stream().anyMatch(a -> a.atbStart() == f.area().atbStart()) && first.contains(link, wordSize)) {
        addresses.add(link);
        values.add(first.word(link, wordSize));
      }
    }
    return addresses.isEmpty() ? null : new AreaLinks(addresses, values, wordSize);
  }

  /** Whether {@code m} holds every link as snapshot 0 did. */
  public boolean heldBy(Memory m) {
    for (int i = 0; i < addresses.size(); i++) {
      long at = addresses.get(i);
      if (!m.contains(at, wordSize) || m.word(at, wordSize) != values.get(i)) {
        return false;
      }
    }
    return true;
  }

  /** The lowest and highest bytes the links take. */
  RamSpan span() {
    long low = addresses.stream().mapToLong(Long::longValue).min().orElseThrow();
    long high = addresses.stream().mapToLong(Long::longValue).max().orElseThrow() + wordSize;
    return new RamSpan(low, high);
  }
}
