package io.heapreel.model.capture;

import io.heapreel.model.error.CaptureException;
import java.nio.ByteBuffer;

/**
 * What every reader of ram.bin shares: its name, the RAM span, the whole snapshots in its bytes by
 * arithmetic (snapshot i starts at byte i * span), what is left of a partial last one, and the
 * check of a snapshot index.
 */
abstract class WholeSnapshotFile implements SnapshotFile {
  private final String name;
  private final RamSpan span;
  private final long bytes;
  private final long count;

  /**
   * @param bytes the readable bytes
   * @param usable the bytes whole snapshots are counted in (fewer than {@code bytes} past damage)
   */
  WholeSnapshotFile(String name, RamSpan span, long bytes, long usable) {
    this.name = name;
    this.span = span;
    this.bytes = bytes;
    this.count = usable / span.length();
  }

  WholeSnapshotFile(String name, RamSpan span, long bytes) {
    this(name, span, bytes, bytes);
  }

  /** A snapshot is one buffer, so its span must fit in one. */
  static void requireSpanUnder2GiB(String name, RamSpan span) {
    if (span.length() > Integer.MAX_VALUE) {
      throw new CaptureException(name + ": a RAM span of " + span.length() + " bytes is over 2 GiB");
    }
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final RamSpan span() {
    return span;
  }

  /** Whole snapshots: bytes / span, by arithmetic. */
  @Override
  public final long count() {
    return count;
  }

  /** Bytes of an incomplete last snapshot (0 when the bytes end on a snapshot boundary). */
  @Override
  public long partialBytes() {
    return bytes - count * span.length();
  }

  final void requireSnapshot(long index) {
    if (index < 0 || index >= count) {
      throw new CaptureException(name + ": no snapshot " + index + " (the file holds " + count + ", 0.." + (count - 1) + ")");
    }
  }

  /** Snapshot {@code index} as a view into {@code window}, which starts with snapshot {@code first}. */
  final Snapshot slice(long index, ByteBuffer window, long first) {
    int at = (int) ((index - first) * span.length());
    return new Snapshot(index, span.start(), window.slice(at, (int) span.length()));
  }
}
