package io.heapreel.model.gclog;

import java.util.Arrays;

/**
 * Frame lines already read ({@code #N ...}, level included), found by their bytes: identical lines
 * recur in almost every record, and a line found here needs no string, no parse and no second
 * hash. Holds only lines that were readable frames, at most {@code limit}; when full it starts
 * again empty, so memory stays bounded.
 */
final class FrameLines {
  /** A frame line as read, its level ({@code N}) and its frame. */
  record Known(byte[] bytes, int hash, String line, int level, Frame frame) {
    boolean matches(byte[] buf, int from, int to, int h) {
      return hash == h && Arrays.equals(bytes, 0, bytes.length, buf, from, to);
    }
  }

  private final int limit;
  private final Known[] slots;
  private final int mask;
  private int size;

  /** @param limit how many lines at most; the table has twice as many slots, a power of two */
  FrameLines(int limit) {
    this.limit = limit;
    this.slots = new Known[Integer.highestOneBit(Math.max(2, limit) * 2 - 1) << 1];
    this.mask = slots.length - 1;
  }

  /** The known line equal to {@code buf[from, to)}, whose {@link String#hashCode()} is {@code hash}; or null. */
  Known find(byte[] buf, int from, int to, int hash) {
    for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
      Known k = slots[i];
      if (k == null || k.matches(buf, from, to, hash)) {
        return k;
      }
    }
  }

  /** Keeps a readable frame line (not there yet), the string {@code line} of {@code buf[from, to)}. */
  Known add(byte[] buf, int from, int to, int hash, String line, int level, Frame frame) {
    if (size >= limit) {
      Arrays.fill(slots, null);
      size = 0;
    }
    Known k = new Known(Arrays.copyOfRange(buf, from, to), hash, line, level, frame);
    int i = spread(hash) & mask;
    while (slots[i] != null) {
      i = (i + 1) & mask;
    }
    slots[i] = k;
    size++;
    return k;
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }
}
