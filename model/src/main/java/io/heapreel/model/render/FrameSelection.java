package io.heapreel.model.render;

import io.heapreel.model.error.CaptureException;
import java.io.Serializable;

/** The snapshots that get a frame: every {@code every}-th of {@code [first, last]}. */
public record FrameSelection(long first, long last, long every) implements Serializable {
  public FrameSelection {
    if (every < 1) {
      throw new CaptureException("--frame-every must be 1 or more, not " + every);
    }
  }

  /** {@code A-B} (inclusive), {@code A-} (to the last) or null (all), over {@code count} snapshots. */
  public static FrameSelection parse(String range, long every, long count) {
    long first = 0;
    long last = count - 1;
    if (range != null) {
      String[] parts = range.split("-", -1);
      try {
        if (parts.length != 2 || parts[0].isBlank()) {
          throw new NumberFormatException();
        }
        first = Long.parseLong(parts[0].trim());
        last = parts[1].isBlank() ? count - 1 : Long.parseLong(parts[1].trim());
      } catch (NumberFormatException e) {
        throw new CaptureException("--frame-range must be A-B (snapshot numbers, B inclusive) or A-, not '" + range + "'");
      }
      if (first > last || first >= count) {
        throw new CaptureException("--frame-range " + range + " selects no snapshot (there are " + count + ", 0.." + (count - 1) + ")");
      }
      last = Math.min(last, count - 1);
    }
    return new FrameSelection(first, last, every);
  }

  /** What to tell the user when {@code range} asks for snapshots past the last one (they are left out). */
  public static java.util.Optional<String> pastTheEnd(String range, long count) {
    if (range == null) {
      return java.util.Optional.empty();
    }
    String[] parts = range.split("-", -1);
    try {
      long last = parts.length == 2 && !parts[1].isBlank() ? Long.parseLong(parts[1].trim()) : -1;
      return last > count - 1
          ? java.util.Optional.of("--frame-range " + range + " runs past the last snapshot (" + (count - 1) + "): stopping there")
          : java.util.Optional.empty();
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }

  public long size() {
    return (last - first) / every + 1;
  }

  /** The k-th selected snapshot. */
  public long get(long k) {
    return first + k * every;
  }

  public boolean contains(long snapshot) {
    return snapshot >= first && snapshot <= last && (snapshot - first) % every == 0;
  }
}
