package io.heapreel.model.capture;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Target memory held in one buffer (a mapping of a file, or bytes read into memory) from address
 * {@code start} on, little-endian, not copied: a RAM snapshot or the ROM image.
 */
public class BufferMemory implements Memory {
  private final long start;
  private final ByteBuffer data;

  /** {@code data} holds the bytes from {@code start} on, from position 0; it is not copied. */
  public BufferMemory(long start, ByteBuffer data) {
    this.start = start;
    this.data = data.order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The first address held. */
  public final long start() {
    return start;
  }

  /** The address just past the last byte held. */
  public final long end() {
    return start + data.capacity();
  }

  public final int length() {
    return data.capacity();
  }

  /** The bytes, for subclasses that read them whole. */
  protected final ByteBuffer data() {
    return data;
  }

  @Override
  public final boolean contains(long address, int bytes) {
    return address >= start && bytes >= 0 && address - start <= data.capacity() - bytes;
  }

  private int offset(long address) {
    return (int) (address - start);
  }

  @Override
  public final int u8(long address) {
    return data.get(offset(address)) & 0xff;
  }

  @Override
  public final int u16(long address) {
    return data.getShort(offset(address)) & 0xffff;
  }

  @Override
  public final long u32(long address) {
    return data.getInt(offset(address)) & 0xffffffffL;
  }

  @Override
  public final long u64(long address) {
    return data.getLong(offset(address));
  }

  @Override
  public final long word(long address, int wordSize) {
    return wordSize == 4 ? u32(address) : u64(address);
  }

  /** One bulk copy out of the buffer: reading a table byte by byte through the buffer costs several times more. */
  @Override
  public final byte[] bytes(long address, int length) {
    byte[] out = new byte[length];
    data.get(offset(address), out);
    return out;
  }
}
