package io.heapreel.model.capture;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The frames of a zstd file: from the seek table at its end when there is one (zstd's seekable
 * format, which {@code heapreel pack} writes), else found by walking the frame and block headers
 * (no decompression, unless a frame does not record its size). Frames are decompressed with
 * zstd-jni, a stream from the start of the frame that holds an offset.
 */
final class ZstdFrames {
  static final int SEEK_TABLE_MAGIC = 0x8F92EAB1;
  static final int SEEK_TABLE_FRAME = 0x184D2A5E;
  static final int SEEK_TABLE_FOOTER = 9;

  private ZstdFrames() {}

  static Decompressed reader(ByteSource source, BlockIndex index) {
    return new StreamReader(source, index, ZstdFrames::stream);
  }

  static InputStream stream(SeekableByteChannel channel, long offset) throws IOException {
    return new ZstdInputStreamNoFinalizer(Channels.newInputStream(channel.position(offset)));
  }

  static BlockIndex index(ByteSource source) throws IOException {
    try (SeekableByteChannel channel = source.open()) {
      BlockIndex table = fromSeekTable(channel);
      return table != null ? table : scan(source, channel);
    }
  }

  /** The seek table's frames, or null when there is none or it does not add up to the file. */
  private static BlockIndex fromSeekTable(SeekableByteChannel channel) throws IOException {
    long size = channel.size();
    if (size < SEEK_TABLE_FOOTER + 8) {
      return null;
    }
    ByteBuffer footer = readAt(channel, size - SEEK_TABLE_FOOTER, SEEK_TABLE_FOOTER);
    if (footer.getInt(5) != SEEK_TABLE_MAGIC) {
      return null;
    }
    long frames = footer.getInt(0) & 0xffffffffL;
    int entry = (footer.get(4) & 0x80) != 0 ? 12 : 8;
    long tableBytes = 8 + frames * entry + SEEK_TABLE_FOOTER;
    if (frames == 0 || tableBytes > size || tableBytes > Integer.MAX_VALUE) {
      return null;
    }
    ByteBuffer table = readAt(channel, size - tableBytes, (int) tableBytes);
    if (table.getInt(0) != SEEK_TABLE_FRAME || (table.getInt(4) & 0xffffffffL) != tableBytes - 8) {
      return null;
    }
    long[] starts = new long[(int) frames];
    long[] compressed = new long[(int) frames];
    long u = 0;
    long c = 0;
    for (int i = 0; i < frames; i++) {
      starts[i] = u;
      compressed[i] = c;
      c += table.getInt(8 + i * entry) & 0xffffffffL;
      u += table.getInt(8 + i * entry + 4) & 0xffffffffL;
    }
    return c == size - tableBytes ? new BlockIndex(RamFormat.ZSTD, false, starts, compressed, u, null) : null;
  }

  /** Walks the frames from the start; stops at the first that is cut short or is not a frame. */
  private static BlockIndex scan(ByteSource source, SeekableByteChannel channel) throws IOException {
    Cursor in = new Cursor(channel);
    List<long[]> frames = new ArrayList<>();
    long readable = 0;
    String damage = null;
    while (!in.atEnd()) {
      long start = in.position();
      try {
        int magic = (int) in.le(4);
        if ((magic & 0xFFFFFFF0) == RamFormat.ZSTD_SKIPPABLE) {
          in.skip(in.le(4));
          continue;
        }
        if (magic != RamFormat.ZSTD_FRAME) {
          damage = String.format("%s: no zstd frame at compressed offset %d (frame %d): the %d uncompressed bytes before it are read, the rest is ignored",
              source.name(), start, frames.size(), readable);
          break;
        }
        long content = frameBody(in);
        if (content < 0) {
          content = decompressedSize(channel, start, in.position() - start);
        }
        if (content > 0) {
          frames.add(new long[] {readable, start});
          readable += content;
        }
      } catch (EOFException e) {
        long recovered = decompressedSize(channel, start, channel.size() - start);
        if (recovered > 0) {
          frames.add(new long[] {readable, start});
        }
        damage = String.format(
            "%s: the zstd data is cut short in frame %d (from compressed offset %d; the file ends at %d): %d uncompressed bytes of it are read, the rest is lost",
            source.name(), frames.size() - (recovered > 0 ? 1 : 0), start, channel.size(), recovered);
        readable += recovered;
        break;
      }
    }
    if (frames.isEmpty()) {
      frames.add(new long[] {0, 0});
    }
    long[] starts = frames.stream().mapToLong(f -> f[0]).toArray();
    long[] compressed = frames.stream().mapToLong(f -> f[1]).toArray();
    return new BlockIndex(RamFormat.ZSTD, false, starts, compressed, readable, damage);
  }

  /** Skips a frame after its magic; its content size from the header, or -1 when it does not say. */
  private static long frameBody(Cursor in) throws IOException {
    int descriptor = (int) in.le(1);
    int sizeFlag = descriptor >>> 6;
    boolean singleSegment = (descriptor & 0x20) != 0;
    boolean checksum = (descriptor & 0x04) != 0;
    int dictionaryBytes = new int[] {0, 1, 2, 4}[descriptor & 0x03];
    if (!singleSegment) {
      in.skip(1); // window descriptor
    }
    in.skip(dictionaryBytes);
    int sizeBytes = sizeFlag == 0 ? (singleSegment ? 1 : 0) : 1 << sizeFlag;
    long content = sizeBytes == 0 ? -1 : in.le(sizeBytes) + (sizeBytes == 2 ? 256 : 0);
    boolean last;
    do {
      int header = (int) in.le(3);
      last = (header & 1) != 0;
      int type = (header >>> 1) & 3;
      int size = header >>> 3;
      in.skip(type == 1 ? 1 : size); // an RLE block stores its one byte
    } while (!last);
    if (checksum) {
      in.skip(4);
    }
    return content;
  }

  /** Decompresses {@code length} bytes of frames from {@code start}, counting what comes out before they end or break. */
  private static long decompressedSize(SeekableByteChannel channel, long start, long length) throws IOException {
    channel.position(start);
    InputStream limited = new java.io.FilterInputStream(Channels.newInputStream(channel)) {
      private long left = length;

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (left <= 0) {
          return -1;
        }
        int n = super.read(b, off, (int) Math.min(len, left));
        if (n > 0) {
          left -= n;
        }
        return n;
      }

      @Override
      public void close() {
        // the channel is the caller's
      }
    };
    long count = 0;
    try (InputStream in = new ZstdInputStreamNoFinalizer(limited)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        count += n;
      }
    } catch (IOException e) {
      // cut short: what came out counts
    }
    return count;
  }

  private static ByteBuffer readAt(SeekableByteChannel channel, long at, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    channel.position(at);
    while (b.hasRemaining()) {
      if (channel.read(b) < 0) {
        throw new EOFException();
      }
    }
    return b.flip();
  }

  /** Little-endian fields read through a buffer; skips past the buffer move the channel. */
  private static final class Cursor {
    private final SeekableByteChannel channel;
    private final long size;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).limit(0);
    private long bufferStart;
    private long position;

    Cursor(SeekableByteChannel channel) throws IOException {
      this.channel = channel;
      this.size = channel.size();
    }

    long position() {
      return position;
    }

    boolean atEnd() {
      return position >= size;
    }

    void skip(long n) throws EOFException {
      position += n;
      if (position > size) {
        throw new EOFException();
      }
    }

    long le(int bytes) throws IOException {
      long v = 0;
      for (int i = 0; i < bytes; i++) {
        v |= (long) u8() << (8 * i);
      }
      return v;
    }

    private int u8() throws IOException {
      if (position >= size) {
        throw new EOFException();
      }
      if (position < bufferStart || position >= bufferStart + buffer.limit()) {
        channel.position(position);
        buffer.clear();
        while (buffer.hasRemaining() && channel.read(buffer) > 0) {}
        buffer.flip();
        bufferStart = position;
      }
      return buffer.get((int) (position++ - bufferStart)) & 0xff;
    }
  }
}
