package io.heapreel.model.capture;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One RAM dump: a view (no copy) over its part of the mapped {@code ram.bin}, addressed by target
 * address.
 */
public final class Snapshot implements Memory {
  private final long index;
  private final long ramStart;
  private final ByteBuffer data;

  /** {@code data} holds exactly this snapshot's bytes from position 0; it is not copied. */
  public Snapshot(long index, long ramStart, ByteBuffer data) {
    this.index = index;
    this.ramStart = ramStart;
    this.data = data.order(ByteOrder.LITTLE_ENDIAN);
  }

  public long index() {
    return index;
  }

  public long ramStart() {
    return ramStart;
  }

  public long ramEnd() {
    return ramStart + data.capacity();
  }

  public int length() {
    return data.capacity();
  }

  /** Whether every byte is zero (a dump of nothing); reads the whole snapshot, so not for the hot path. */
  public boolean isAllZero() {
    int n = data.capacity();
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      if (data.getLong(i) != 0) {
        return false;
      }
    }
    for (; i < n; i++) {
      if (data.get(i) != 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean contains(long address, int bytes) {
    return address >= ramStart && bytes >= 0 && address - ramStart <= data.capacity() - bytes;
  }

  private int offset(long address) {
    return (int) (address - ramStart);
  }

  @Override
  public int u8(long address) {
    return data.get(offset(address)) & 0xff;
  }

  /** One bulk copy out of the mapping: reading a table byte by byte through the buffer costs several times more. */
  @Override
  public byte[] bytes(long address, int length) {
    byte[] out = new byte[length];
    data.get(offset(address), out);
    return out;
  }

  /** The whole snapshot copied into {@code into} from index {@code at} on. */
  public void copyTo(byte[] into, int at) {
    data.get(0, into, at, data.capacity());
  }

  @Override
  public int u16(long address) {
    return data.getShort(offset(address)) & 0xffff;
  }

  @Override
  public long u32(long address) {
    return data.getInt(offset(address)) & 0xffffffffL;
  }

  @Override
  public long u64(long address) {
    return data.getLong(offset(address));
  }

  @Override
  public String toString() {
    return "snapshot " + index;
  }
}
