package io.heapreel.model.objects;

import io.heapreel.model.capture.Memory;

/** A RAM snapshot and, when the capture has one, the ROM image: what a pointer may lead into. */
public record TargetMemory(Memory ram, Memory rom) implements Memory {
  /** {@code rom} may be null (no firmware.bin). */
  public TargetMemory {}

  private Memory at(long address, int bytes) {
    if (ram.contains(address, bytes)) {
      return ram;
    }
    return rom != null && rom.contains(address, bytes) ? rom : null;
  }

  @Override
  public boolean contains(long address, int bytes) {
    return at(address, bytes) != null;
  }

  @Override
  public int u8(long address) {
    return at(address, 1).u8(address);
  }

  @Override
  public int u16(long address) {
    return at(address, 2).u16(address);
  }

  @Override
  public long u32(long address) {
    return at(address, 4).u32(address);
  }

  @Override
  public long u64(long address) {
    return at(address, 8).u64(address);
  }

  /** The word at the address, or {@code fallback} when it is outside RAM and ROM. */
  public long wordOr(long address, int wordSize, long fallback) {
    Memory m = at(address, wordSize);
    return m == null ? fallback : m.word(address, wordSize);
  }
}
