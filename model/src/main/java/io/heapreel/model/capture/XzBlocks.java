package io.heapreel.model.capture;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import org.tukaani.xz.ArrayCache;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.SeekableXZInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * An xz file's blocks, from the index at its end, read through xz's seekable reader (which restarts
 * at the start of the block holding an offset). Without an index (a cut or damaged end) the file is
 * one stream read from its start, decompressed once at open to learn how much of it is sound.
 */
final class XzBlocks {
  private static final ArrayCache ARRAYS = BasicArrayCache.getInstance();

  private XzBlocks() {}

  static BlockIndex index(ByteSource source) throws IOException {
    try (SeekableByteChannel channel = source.open()) {
      SeekableXZInputStream xz;
      try {
        xz = new SeekableXZInputStream(new ChannelInput(channel), -1, true, ARRAYS);
      } catch (IOException e) {
        return withoutIndex(source, e);
      }
      int n = xz.getBlockCount();
      if (n == 0) {
        return new BlockIndex(RamFormat.XZ, true, new long[] {0}, new long[] {0}, 0, null);
      }
      long[] starts = new long[n];
      long[] compressed = new long[n];
      for (int i = 0; i < n; i++) {
        starts[i] = xz.getBlockPos(i);
        compressed[i] = xz.getBlockCompPos(i);
      }
      return new BlockIndex(RamFormat.XZ, true, starts, compressed, xz.length(), null);
    }
  }

  /** Decompresses the whole stream once, counting the bytes that come out before it breaks. */
  private static BlockIndex withoutIndex(ByteSource source, IOException why) throws IOException {
    try (SeekableByteChannel channel = source.open();
        InputStream xz = stream(channel)) {
      byte[] buffer = new byte[1 << 16];
      long readable = 0;
      String damage;
      try {
        for (int n; (n = xz.read(buffer)) > 0; ) {
          readable += n;
        }
        damage = String.format("%s: the xz index cannot be read (%s); the stream decompresses, so it is read from its start", source.name(), why.getMessage());
      } catch (IOException e) {
        damage =
            String.format(
                "%s: the xz data is cut short or damaged near compressed offset %d (%s): its first %d uncompressed bytes are read, the rest is ignored",
                source.name(), channel.position(), e.getMessage(), readable);
      }
      return new BlockIndex(RamFormat.XZ, false, new long[] {0}, new long[] {0}, readable, damage);
    }
  }

  /** The xz stream from the file's start (the channel positioned there). */
  static InputStream stream(SeekableByteChannel channel) throws IOException {
    return new XZInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16), -1, true, ARRAYS);
  }

  static Decompressed reader(ByteSource source, BlockIndex index) {
    if (!index.seekableXz()) {
      return new StreamReader(source, index, (channel, offset) -> stream(channel.position(offset)));
    }
    return new Seekable(source);
  }

  /** Reads through xz's seekable reader, opened on first use and again after a failure. */
  private static final class Seekable implements Decompressed {
    private final ByteSource source;
    private SeekableXZInputStream xz;

    Seekable(ByteSource source) {
      this.source = source;
    }

    @Override
    public void read(long offset, byte[] into, int at, int length) throws IOException {
      try {
        if (xz == null) {
          xz = new SeekableXZInputStream(new ChannelInput(source.open()), -1, true, ARRAYS);
        }
        xz.seek(offset);
        StreamReader.readFully(xz, into, at, length);
      } catch (IOException | RuntimeException e) {
        close(); // the reader keeps its failure; start afresh next time
        throw e;
      }
    }

    @Override
    public void close() {
      if (xz != null) {
        try {
          xz.close();
        } catch (IOException e) {
          // read-only
        }
        xz = null;
      }
    }
  }
}
