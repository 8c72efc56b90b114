package io.heapreel.model.firmware;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** One dump of a capture's ram.bin as bytes, read without heapreel's readers. */
final class RamDumps {
  private RamDumps() {}

  /** Dump {@code index} of {@code ramBin}, whose dumps are {@code span} bytes each. */
  static byte[] read(Path ramBin, int span, long index) throws IOException {
    try (FileChannel in = FileChannel.open(ramBin)) {
      ByteBuffer buffer = ByteBuffer.allocate(span);
      long at = index * span;
      while (buffer.hasRemaining()) {
        if (in.read(buffer, at + buffer.position()) < 0) {
          throw new IOException(ramBin + " ends inside dump " + index);
        }
      }
      return buffer.array();
    }
  }
}
