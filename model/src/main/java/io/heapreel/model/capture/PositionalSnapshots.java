package io.heapreel.model.capture;

import io.heapreel.model.error.CaptureException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The snapshots of a plain (uncompressed) local ram.bin, each value read by a positional read: for
 * a pass that reads a byte or two of every snapshot, such as the log replay's check of each event
 * against its own snapshot. Through a mapping, each of those reads lands on a page of its own and
 * costs a page fault; a read costs a fifth of that (on the 8 GB bench capture, one allocation-table
 * byte of each of 108,507 snapshots: 0.30-0.73 s of CPU mapped, 0.13 s read). Not thread-safe.
 */
public final class PositionalSnapshots implements AutoCloseable {
  private final Path file;
  private final RamSpan span;
  private final long count;
  private final FileChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
  /** The last {@link #part}'s bytes, reused by the next one. */
  private ByteBuffer partBuffer = ByteBuffer.allocateDirect(0);

  private PositionalSnapshots(Path file, RamSpan span, long count, FileChannel channel) {
    this.file = file;
    this.span = span;
    this.count = count;
    this.channel = channel;
  }

  /** @param count the whole snapshots in the file */
  public static PositionalSnapshots open(Path file, RamSpan span, long count) {
    try {
      return new PositionalSnapshots(file, span, count, FileChannel.open(file, StandardOpenOption.READ));
    } catch (IOException e) {
      throw new CaptureException(file + ": cannot open (" + e.getMessage() + ")", e);
    }
  }

  /** Snapshot {@code index}, read when its values are asked for; valid until the file is closed. */
  public Memory snapshot(long index) {
    if (index < 0 || index >= count) {
      throw new CaptureException(file + ": no snapshot " + index + " (it holds " + count + ")");
    }
    return new View(index * span.length());
  }

  /**
   * The bytes of snapshot {@code index} at the target addresses of {@code part} (which lies in the
   * span), fetched by one positional read: for a pass that reads one small region of every snapshot,
   * such as the decode's allocation tables (on the 8 GB bench capture 1.8 KB of each 72 KiB
   * snapshot, which through the mapping cost a page fault each, and unmapping the pages later).
   * Valid until the next call; reading outside {@code part} throws.
   */
  public Memory part(long index, RamSpan part) {
    if (index < 0 || index >= count) {
      throw new CaptureException(file + ": no snapshot " + index + " (it holds " + count + ")");
    }
    if (part.start() < span.start() || part.end() > span.end()) {
      throw new IllegalArgumentException(part + " is not inside the RAM span " + span);
    }
    int length = (int) part.length();
    if (partBuffer.capacity() < length) {
      partBuffer = ByteBuffer.allocateDirect(length);
    }
    readFully(partBuffer.clear().limit(length), index * span.length() + part.start() - span.start());
    return new BufferMemory(part.start(), partBuffer.slice(0, length));
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // read-only
    }
  }

  /** The bytes from {@code offset} in the file, little-endian, in the low bytes of a long. */
  private long read(long offset, int bytes) {
    readFully(buffer.clear().limit(bytes), offset);
    long value = buffer.clear().getLong(0); // the bytes past those read are left from before: masked off
    return bytes == Long.BYTES ? value : value & ((1L << (8 * bytes)) - 1);
  }

  /** Fills {@code into} from its position to its limit with the file's bytes from {@code offset}. */
  private void readFully(ByteBuffer into, long offset) {
    int length = into.remaining();
    try {
      while (into.hasRemaining()) {
        if (channel.read(into, offset + into.position()) < 0) {
          throw new CaptureException(file + ": ends before offset " + (offset + length));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read at offset " + offset, e);
    }
  }

  /** One snapshot: {@code base} is its offset in the file. */
  private final class View implements Memory {
    private final long base;

    View(long base) {
      this.base = base;
    }

    @Override
    public boolean contains(long address, int bytes) {
      return address >= span.start() && bytes >= 0 && address - span.start() <= span.length() - bytes;
    }

    private long at(long address, int bytes) {
      if (!contains(address, bytes)) {
        throw new IndexOutOfBoundsException(String.format("0x%08x (%d bytes) is outside the RAM span %s", address, bytes, span));
      }
      return read(base + address - span.start(), bytes);
    }

    @Override
    public int u8(long address) {
      return (int) at(address, 1);
    }

    @Override
    public int u16(long address) {
      return (int) at(address, 2);
    }

    @Override
    public long u32(long address) {
      return at(address, 4);
    }

    @Override
    public long u64(long address) {
      return at(address, 8);
    }
  }
}
