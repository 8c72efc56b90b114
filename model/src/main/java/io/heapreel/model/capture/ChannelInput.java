package io.heapreel.model.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import org.tukaani.xz.SeekableInputStream;

/** A seekable, buffered input stream over a channel: what xz's seekable reader reads from. */
final class ChannelInput extends SeekableInputStream {
  private static final int BUFFER = 1 << 16;

  private final SeekableByteChannel channel;
  private final long length;
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER).limit(0);
  /** File offset of buffer[0]. */
  private long bufferStart;
  private long position;

  ChannelInput(SeekableByteChannel channel) throws IOException {
    this.channel = channel;
    this.length = channel.size();
  }

  @Override
  public int read() throws IOException {
    if (!buffered()) {
      return -1;
    }
    int b = buffer.get((int) (position - bufferStart)) & 0xff;
    position++;
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (len >= BUFFER && !inBuffer()) {
      channel.position(position);
      int n = channel.read(ByteBuffer.wrap(b, off, len));
      if (n > 0) {
        position += n;
      }
      return n;
    }
    if (!buffered()) {
      return -1;
    }
    int at = (int) (position - bufferStart);
    int n = Math.min(len, buffer.limit() - at);
    buffer.get(at, b, off, n);
    position += n;
    return n;
  }

  private boolean inBuffer() {
    return position >= bufferStart && position < bufferStart + buffer.limit();
  }

  /** Whether the byte at {@code position} is in the buffer, refilling it from there when not. */
  private boolean buffered() throws IOException {
    if (inBuffer()) {
      return true;
    }
    if (position >= length) {
      return false;
    }
    channel.position(position);
    buffer.clear();
    while (buffer.hasRemaining() && channel.read(buffer) > 0) {}
    buffer.flip();
    bufferStart = position;
    return buffer.limit() > 0;
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public void seek(long pos) {
    position = pos;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
