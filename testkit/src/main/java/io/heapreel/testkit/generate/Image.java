package io.heapreel.testkit.generate;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** A little-endian memory image placed at {@code base}: the ROM, or the RAM the snapshots dump. */
final class Image {
  final long base;
  final byte[] bytes;
  private final ByteBuffer view;

  /** Bytes of a machine word: 4 or 8. */
  final int w;

  Image(long base, int size, int wordSize) {
    this.base = base;
    this.w = wordSize;
    this.bytes = new byte[size];
    this.view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  private int at(long address) {
    long off = address - base;
    if (off < 0 || off >= bytes.length) {
      throw new IllegalArgumentException(String.format("address 0x%x outside the image at 0x%x", address, base));
    }
    return (int) off;
  }

  long end() {
    return base + bytes.length;
  }

  void putWord(long address, long value) {
    if (w == 8) {
      view.putLong(at(address), value);
    } else {
      view.putInt(at(address), (int) value);
    }
  }

  long word(long address) {
    return w == 8 ? view.getLong(at(address)) : view.getInt(at(address)) & 0xffffffffL;
  }

  /** A 32-bit value (a float's bits), whatever the word size. */
  void putU32(long address, long value) {
    view.putInt(at(address), (int) value);
  }

  void putU16(long address, int value) {
    view.putShort(at(address), (short) value);
  }

  int u16(long address) {
    return view.getShort(at(address)) & 0xffff;
  }

  void putU8(long address, int value) {
    bytes[at(address)] = (byte) value;
  }

  int u8(long address) {
    return bytes[at(address)] & 0xff;
  }

  void putBytes(long address, byte[] data) {
    System.arraycopy(data, 0, bytes, at(address), data.length);
  }

  void zero(long address, int length) {
    int from = at(address);
    Arrays.fill(bytes, from, from + length, (byte) 0);
  }

  void copy(long from, long to, int length) {
    System.arraycopy(bytes, at(from), bytes, at(to), length);
  }
}
