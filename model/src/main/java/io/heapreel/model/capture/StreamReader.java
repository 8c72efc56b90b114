package io.heapreel.model.capture;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;

/**
 * Reads a compressed file as a stream that goes on across blocks: forward reads continue it, a read
 * behind it or in a later block restarts decompression at the start of the block that holds it.
 * Only what is asked for is held (the decompressor's own window aside).
 */
final class StreamReader implements Decompressed {
  /** A decompressing stream over {@code channel} from compressed offset {@code offset}, the start of a block. */
  interface Opener {
    InputStream open(SeekableByteChannel channel, long offset) throws IOException;
  }

  private final ByteSource source;
  private final BlockIndex index;
  private final Opener opener;
  private InputStream in;
  /** Uncompressed offset of the next byte of {@code in}. */
  private long position;

  StreamReader(ByteSource source, BlockIndex index, Opener opener) {
    this.source = source;
    this.index = index;
    this.opener = opener;
  }

  @Override
  public void read(long offset, byte[] into, int at, int length) throws IOException {
    try {
      int block = index.blockOf(offset);
      if (in == null || offset < position || position < index.starts()[block]) {
        close();
        SeekableByteChannel channel = source.open();
        try {
          in = opener.open(channel, index.compressedStarts()[block]);
        } catch (IOException | RuntimeException e) {
          channel.close();
          throw e;
        }
        position = index.starts()[block];
      }
      in.skipNBytes(offset - position);
      position = offset;
      readFully(in, into, at, length);
      position += length;
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  static void readFully(InputStream in, byte[] into, int at, int length) throws IOException {
    int done = 0;
    while (done < length) {
      int n = in.read(into, at + done, length - done);
      if (n < 0) {
        throw new EOFException("the data ends " + (length - done) + " bytes early");
      }
      done += n;
    }
  }

  @Override
  public void close() {
    if (in != null) {
      try {
        in.close();
      } catch (IOException e) {
        // read-only
      }
      in = null;
    }
  }
}
