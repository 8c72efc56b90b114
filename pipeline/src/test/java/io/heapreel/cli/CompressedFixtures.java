package io.heapreel.cli;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** A ram.bin compressed in blocks or frames of chosen sizes, made with the libraries themselves. */
final class CompressedFixtures {
  private CompressedFixtures() {}

  /** One xz stream, a block every {@code blockBytes} (the last one shorter). */
  static byte[] xzBlocks(byte[] data, int blockBytes) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (XZOutputStream xz = new XZOutputStream(bytes, new LZMA2Options(1))) {
      for (int at = 0; at < data.length; at += blockBytes) {
        xz.write(data, at, Math.min(blockBytes, data.length - at));
        xz.endBlock();
      }
    }
    return bytes.toByteArray();
  }

  /** One zstd frame for each of the given lengths, in turn from the start of {@code data}. */
  static byte[] zstdFrames(byte[] data, int... frameBytes) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int at = 0;
    for (int n : frameBytes) {
      bytes.write(Zstd.compress(Arrays.copyOfRange(data, at, at + n), 3));
      at += n;
    }
    return bytes.toByteArray();
  }

  /** The lengths of {@code total} bytes cut every {@code each} bytes (the last one shorter). */
  static int[] evenly(int total, int each) {
    int[] lengths = new int[(total + each - 1) / each];
    for (int i = 0; i < lengths.length; i++) {
      lengths[i] = Math.min(each, total - i * each);
    }
    return lengths;
  }
}
