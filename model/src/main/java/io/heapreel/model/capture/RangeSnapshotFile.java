package io.heapreel.model.capture;

import io.heapreel.model.error.CaptureException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * An uncompressed ram.bin read by byte ranges through a channel (a file on a filesystem that is not
 * mapped, such as HDFS or an object store): snapshots are fetched a window at a time, so a reader
 * makes one request for many of them. Each window is a fresh array, so earlier snapshots stay valid.
 */
final class RangeSnapshotFile extends WholeSnapshotFile {
  static final long WINDOW_BYTES = 4L << 20;

  private final ByteSource source;
  private final long size;
  private final long perWindow;
  private SeekableByteChannel channel;
  private long windowFirst = -1;
  private ByteBuffer window;

  private RangeSnapshotFile(ByteSource source, RamSpan span, long size) {
    super(source.name(), span, size);
    this.source = source;
    this.size = size;
    this.perWindow = Math.max(1, WINDOW_BYTES / span.length());
  }

  static RangeSnapshotFile open(ByteSource source, RamSpan span) {
    requireSpanUnder2GiB(source.name(), span);
    long size;
    try (SeekableByteChannel ch = source.open()) {
      size = ch.size();
    } catch (IOException e) {
      throw new CaptureException(source.name() + ": cannot open (" + e.getMessage() + ")", e);
    }
    if (size < span.length()) {
      throw new CaptureException(
          String.format("%s: %d bytes is shorter than one snapshot (RAM span %s)", source.name(), size, span));
    }
    return new RangeSnapshotFile(source, span, size);
  }

  @Override
  public Snapshot snapshot(long index) {
    requireSnapshot(index);
    if (window == null || index < windowFirst || index >= windowFirst + perWindow) {
      fetch(index);
    }
    return slice(index, window, windowFirst);
  }

  /** The window of snapshots from {@code first} on, in one ranged read. */
  private void fetch(long first) {
    long snapshots = Math.min(perWindow, count() - first);
    ByteBuffer b = ByteBuffer.allocate((int) (snapshots * span().length()));
    long offset = first * span().length();
    try {
      if (channel == null) {
        channel = source.open();
      }
      channel.position(offset);
      while (b.hasRemaining()) {
        if (channel.read(b) < 0) {
          throw new EOFException("the file ends at " + (offset + b.position()));
        }
      }
    } catch (IOException e) {
      close();
      throw new CaptureException(source.name() + ": cannot read snapshots from " + first + " at offset " + offset + " (" + e.getMessage() + ")", e);
    }
    window = b.flip();
    windowFirst = first;
  }

  @Override
  public SnapshotFile reopen() {
    return new RangeSnapshotFile(source, span(), size);
  }

  @Override
  public void close() {
    window = null;
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // read-only
      }
      channel = null;
    }
  }
}
