package io.heapreel.model.heap;

import io.heapreel.model.capture.Memory;
import io.heapreel.model.capture.RamSpan;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the collector's own {@code mp_state_mem_area_t} descriptors by scanning RAM for the words
 * {@code alloc table start, alloc table length, [finaliser table start,] pool start, pool end} that
 * satisfy the heap geometry. Needs no symbol, so it works on any port and any struct layout.
 */
public final class AreaDescriptorScan {
  /** A descriptor found at {@code address}, and the area it describes. */
  public record Found(long address, HeapArea area) {}

  private AreaDescriptorScan() {}

  public static List<Found> scan(Memory ram, RamSpan span, int wordSize) {
    List<Found> found = new ArrayList<>();
    long first = (span.start() + wordSize - 1) & -(long) wordSize;
    for (long a = first; a + 4L * wordSize <= span.end(); a += wordSize) {
      long atbStart = ram.word(a, wordSize);
      if (!span.contains(atbStart)) {
        continue;
      }
      HeapArea area = match(ram, span, a, atbStart, wordSize);
      if (area != null && found.stream().noneMatch(f -> f.area().atbStart() == area.atbStart())) {
        found.add(new Found(a, area));
      }
    }
    return found;
  }

  private static HeapArea match(Memory ram, RamSpan span, long a, long atbStart, int ws) {
    long atbBytes = ram.word(a + ws, ws);
    long w2 = ram.word(a + 2L * ws, ws);
    long w3 = ram.word(a + 3L * ws, ws);
    if (a + 5L * ws <= span.end()) {
      long w4 = ram.word(a + 4L * ws, ws);
      if (inRam(span, w2, w3, w4) && HeapGeometry.consistent(atbStart, atbBytes, w2, w3, w4, ws)) {
        return new HeapArea(atbStart, (int) atbBytes, w2, w3, w4, ws);
      }
    }
    if (inRam(span, w2, w3) && HeapGeometry.consistent(atbStart, atbBytes, 0, w2, w3, ws)) {
      return new HeapArea(atbStart, (int) atbBytes, 0, w2, w3, ws);
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
