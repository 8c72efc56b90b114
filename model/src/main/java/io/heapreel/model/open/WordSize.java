package io.heapreel.model.open;

import java.io.Serializable;

/**
 * The target's machine word in bytes (4 or 8) and where that came from, as a person reads it
 * ({@code the map's OUTPUT format elf64-littleriscv}).
 */
public record WordSize(int bytes, String source) implements Serializable {
  public WordSize {
    if (bytes != 4 && bytes != 8) {
      throw new IllegalArgumentException("a word is 4 or 8 bytes, not " + bytes);
    }
  }

  @Override
  public String toString() {
    return bytes + " (from " + source + ")";
  }
}
