package io.heapreel.pipeline;

import io.heapreel.model.error.CaptureException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The snapshots that get full object detail: every N-th, a list, or only the last; the last
 * snapshot is always one.
 *
 * @param every every N-th snapshot (0, N, 2N, ...); 0 when a list is given
 * @param listed explicit indices, sorted
 */
public record KeyFrames(long every, List<Long> listed, long last) implements Serializable {
  public KeyFrames {
    listed = List.copyOf(listed);
  }

  /** {@code N}, {@code a,b,c} or {@code last}, against a capture whose last snapshot is {@code last}. */
  public static KeyFrames parse(String text, long last) {
    String t = text.trim();
    if (t.equalsIgnoreCase("last")) {
      return new KeyFrames(0, List.of(), last);
    }
    try {
      if (!t.contains(",")) {
        long every = Long.parseLong(t);
        if (every <= 0) {
          throw new CaptureException("--key-frames: every N-th needs N > 0, not " + every);
        }
        return new KeyFrames(every, List.of(), last);
      }
      TreeSet<Long> indices = new TreeSet<>();
      for (String part : t.split(",")) {
        if (part.isBlank()) {
          continue;
        }
        long index = Long.parseLong(part.trim());
        if (index < 0 || index > last) {
          throw new CaptureException(
              "--key-frames: no snapshot " + index + " (the capture has 0.." + last + ")");
        }
        indices.add(index);
      }
      return new KeyFrames(0, List.copyOf(indices), last);
    } catch (NumberFormatException e) {
      throw new CaptureException(
          "--key-frames must be N (every N-th), a list like 10,200,4000, or 'last'; not '" + text + "'");
    }
  }

  public boolean contains(long snapshot) {
    if (snapshot == last) {
      return true;
    }
    if (every > 0) {
      return snapshot % every == 0;
    }
    return java.util.Collections.binarySearch(listed, snapshot) >= 0;
  }

  /** The key frames in {@code [from, to)}, in order. */
  public List<Long> between(long from, long to) {
    List<Long> out = new ArrayList<>();
    long end = Math.min(to, last + 1);
    if (every > 0) {
      for (long s = (Math.max(0, from) + every - 1) / every * every; s < end; s += every) {
        out.add(s);
      }
    } else {
      for (long s : listed) {
        if (s >= from && s < end) {
          out.add(s);
        }
      }
    }
    if (last >= from && last < end && (out.isEmpty() || out.get(out.size() - 1) != last)) {
      out.add(last);
    }
    return out;
  }

  /** How many key frames there are. */
  public long count() {
    if (every > 0) {
      return last / every + 1 + (last % every == 0 ? 0 : 1);
    }
    return listed.size() + (listed.contains(last) ? 0 : 1);
  }

  public String describe() {
    if (every > 0) {
      return "every " + every + "-th snapshot and the last (" + count() + ")";
    }
    return listed.isEmpty() ? "the last snapshot" : listed + " and the last";
  }
}
