package io.heapreel.model.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/** How the RAM dumps are stored, told by the file's first bytes (a name can lie). */
public enum RamFormat {
  RAW("ram.bin"),
  XZ("ram.bin.xz"),
  ZSTD("ram.bin.zst");

  static final int ZSTD_FRAME = 0xFD2FB528;
  /** Skippable frames use magic 0x184D2A50 to 0x184D2A5F. */
  static final int ZSTD_SKIPPABLE = 0x184D2A50;

  private final String fileName;

  RamFormat(String fileName) {
    this.fileName = fileName;
  }

  /** The name it has in a capture folder. */
  public String fileName() {
    return fileName;
  }

  /** RAW for anything that is not xz or zstd, and for a file that cannot be read (its reader says why). */
  public static RamFormat of(Path path) {
    if (!Files.isRegularFile(path)) {
      return RAW;
    }
    byte[] head = new byte[6];
    try (InputStream in = Files.newInputStream(path)) {
      return of(head, in.readNBytes(head, 0, head.length));
    } catch (IOException e) {
      return RAW;
    }
  }

  public static RamFormat of(ByteSource source) throws IOException {
    try (SeekableByteChannel ch = source.open()) {
      ByteBuffer head = ByteBuffer.allocate(6);
      while (head.hasRemaining() && ch.read(head) >= 0) {}
      return of(head.array(), head.position());
    }
  }

  static RamFormat of(byte[] head, int length) {
    if (length >= 6 && (head[0] & 0xff) == 0xFD && head[1] == '7' && head[2] == 'z' && head[3] == 'X' && head[4] == 'Z' && head[5] == 0) {
      return XZ;
    }
    if (length >= 4) {
      int magic = ByteBuffer.wrap(head, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
      if (magic == ZSTD_FRAME || (magic & 0xFFFFFFF0) == ZSTD_SKIPPABLE) {
        return ZSTD;
      }
    }
    return RAW;
  }
}
