package io.heapreel.model.heap;

import java.io.Serializable;

/** {@code [start, end)} of target memory, as given on the command line. */
public record AddressRange(long start, long end) implements Serializable {
  public AddressRange {
    if (end <= start) {
      throw new IllegalArgumentException(String.format("range end 0x%x is not above its start 0x%x", end, start));
    }
  }

  /** Parses {@code START,END} with hex ({@code 0x}) or decimal numbers. */
  public static AddressRange parse(String text) {
    String[] parts = text.split(",");
    if (parts.length != 2) {
      throw new IllegalArgumentException("expected START,END (for example 0x20000320,0x20007320), got '" + text + "'");
    }
    return new AddressRange(Long.decode(parts[0].trim()), Long.decode(parts[1].trim()));
  }

  /** As {@link #parse} reads it. */
  @Override
  public String toString() {
    return String.format("0x%x,0x%x", start, end);
  }
}
