package io.heapreel.model.heap;

import io.heapreel.model.capture.Memory;
import io.heapreel.model.capture.RamSpan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the collector's own {@code mp_state_mem_area_t} descriptors by scanning RAM for the words
 * {@code alloc table start, alloc table length, [finaliser table start,] [weakref table start,] pool
 * start, pool end} that satisfy the heap geometry at some block size. Needs no symbol, so it works
 * on any port, any struct layout and any {@code MICROPY_BYTES_PER_GC_BLOCK}.
 */
public final class AreaDescriptorScan {
  /**
   * A descriptor found at {@code address}, and the area it describes. One one-bit table is the
   * finaliser table: v1.28 has no weakref table without finalisers (gc.c's weakref sweep does not
   * build without MICROPY_ENABLE_FINALISER).
   *
   * @param tables how many one-bit table starts the descriptor holds (0 to 2)
   */
  public record Found(long address, HeapArea area, int tables) {
    /** The descriptor's words: the tables' starts between the alloc table's and the pool's. */
    public int words() {
      return 4 + tables;
    }

    /**
     * The word before the descriptor: its {@code next} pointer when the firmware has a split heap
     * ({@code mp_state_mem_area_t} begins with it).
     */
    public long linkAddress(int wordSize) {
      return address - wordSize;
    }
  }

  private AreaDescriptorScan() {}

  public static List<Found> scan(Memory ram, RamSpan span, int wordSize) {
    List<Found> found = new ArrayList<>();
    long first = (span.start() + wordSize - 1) & -(long) wordSize;
    for (long a = first; a + 4L * wordSize <= span.end(); a += wordSize) {
      long atbStart = ram.word(a, wordSize);
      if (!span.contains(atbStart)) {
        continue;
      }
      Found f = match(ram, span, a, atbStart, wordSize);
      if (f != null && found.stream().noneMatch(g -> g.area().atbStart() == atbStart)) {
        found.add(f);
      }
    }
    return found;
  }

  /** The descriptor whose alloc table start word is at {@code address}, or null when the words there describe no area. */
  public static Found at(Memory ram, RamSpan span, long address, int wordSize) {
    if (address < span.start() || address + 4L * wordSize > span.end() || !span.contains(ram.word(address, wordSize))) {
      return null;
    }
    return match(ram, span, address, ram.word(address, wordSize), wordSize);
  }

  private static Found match(Memory ram, RamSpan span, long a, long atbStart, int ws) {
    long atbBytes = ram.word(a + ws, ws);
    for (int tables = 2; tables >= 0; tables--) {
      if (a + (4L + tables) * ws > span.end()) {
        continue;
      }
      long[] words = new long[tables + 2];
      for (int i = 0; i < words.length; i++) {
        words[i] = ram.word(a + (2L + i) * ws, ws);
      }
      if (!inRam(span, words)) {
        continue;
      }
      long poolStart = words[tables];
      long poolEnd = words[tables + 1];
      long[] starts = Arrays.copyOf(words, tables);
      int bytesPerBlock = HeapGeometry.blockSize(atbStart, atbBytes, starts, poolStart, poolEnd, ws);
      if (bytesPerBlock > 0) {
        long ftb = tables >= 1 ? starts[0] : 0;
        long wtb = tables == 2 ? starts[1] : 0;
        return new Found(a, new HeapArea(atbStart, (int) atbBytes, ftb, poolStart, poolEnd, ws, bytesPerBlock, wtb), tables);
      }
    }
    return null;
  }

  /** Pool ends may sit exactly at the end of RAM. */
  private static boolean inRam(RamSpan span, long... addresses) {
    for (long x : addresses) {
      if (x < span.start() || x > span.end()) {
        return false;
      }
    }
    return true;
  }
}
