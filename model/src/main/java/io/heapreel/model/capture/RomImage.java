package io.heapreel.model.capture;

import io.heapreel.model.error.CaptureException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The flash image ({@code firmware.bin}) placed at its load address: type objects, ROM qstrs. */
public final class RomImage implements Memory {
  private final long base;
  private final ByteBuffer data;

  public RomImage(long base, ByteBuffer data) {
    this.base = base;
    this.data = data.order(ByteOrder.LITTLE_ENDIAN);
  }

  public static RomImage open(Path file, long base) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      if (ch.size() > Integer.MAX_VALUE) {
        throw new CaptureException(file + ": a ROM image over 2 GiB is not a firmware image");
      }
      return new RomImage(base, ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()));
    } catch (IOException e) {
      throw new CaptureException(file + ": cannot read the ROM image (" + e.getMessage() + ")", e);
    }
  }

  public long base() {
    return base;
  }

  public long end() {
    return base + data.capacity();
  }

  @Override
  public boolean contains(long address, int bytes) {
    return address >= base && bytes >= 0 && address - base <= data.capacity() - bytes;
  }

  private int offset(long address) {
    return (int) (address - base);
  }

  @Override
  public int u8(long address) {
    return data.get(offset(address)) & 0xff;
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
}
