package io.heapreel.model.capture;

import io.heapreel.model.error.CaptureException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The flash image ({@code firmware.bin}) placed at its load address: type objects, ROM qstrs. */
public final class RomImage extends BufferMemory {
  public RomImage(long base, ByteBuffer data) {
    super(base, data);
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

  /** The load address. */
  public long base() {
    return start();
  }
}
