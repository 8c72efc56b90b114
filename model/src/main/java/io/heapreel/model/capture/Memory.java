package io.heapreel.model.capture;

/**
 * Target memory addressed by target addresses, little-endian. Implemented by a RAM snapshot and by
 * the ROM image; readers check {@link #contains} before reading, since heap words are untrusted.
 */
public interface Memory {
  boolean contains(long address, int bytes);

  int u8(long address);

  int u16(long address);

  long u32(long address);

  long u64(long address);

  /** {@code length} bytes from {@code address} on, copied: for tables read whole, byte after byte. */
  default byte[] bytes(long address, int length) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = (byte) u8(address + i);
    }
    return out;
  }

  /** An unsigned machine word of 4 or 8 bytes. */
  default long word(long address, int wordSize) {
    return wordSize == 4 ? u32(address) : u64(address);
  }
}
