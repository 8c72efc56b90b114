package io.heapreel.model.capture;

import io.heapreel.model.error.CaptureException;
import java.io.Serializable;

/** The RAM region one snapshot covers: {@code [start, end)}, so each snapshot is end - start bytes. */
public record RamSpan(long start, long end) implements Serializable {
  public RamSpan {
    if (end <= start) {
      throw new CaptureException(
          String.format("RAM end 0x%x is not above RAM start 0x%x", end, start));
    }
  }

  public long length() {
    return end - start;
  }

  public boolean contains(long address) {
    return address >= start && address < end;
  }

  @Override
  public String toString() {
    return String.format("0x%08x..0x%08x (%d bytes)", start, end, length());
  }
}
