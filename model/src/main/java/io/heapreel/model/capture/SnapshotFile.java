package io.heapreel.model.capture;

import io.heapreel.model.error.CaptureException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The RAM dumps of a capture, snapshot i being the {@code span} bytes from offset i * span of the
 * uncompressed dumps. A plain {@code ram.bin} is memory-mapped (the fast path); {@code ram.bin.xz}
 * and {@code ram.bin.zst} are decompressed as read, a snapshot at a time, never to disk (see
 * {@link CompressedSnapshotFile}). Which one a file is comes from its first bytes, not its name.
 *
 * <p>Not thread-safe: each reader (thread, DoFn instance) opens its own ({@link #reopen}).
 */
public interface SnapshotFile extends SnapshotReads {
  /** Opens a local file: memory-mapped when uncompressed, else decompressed as read. */
  static SnapshotFile open(Path path, RamSpan span) {
    // before its first bytes are read: a FIFO or /dev/zero would be read forever
    InputFiles.requireRegular(path, "the RAM dumps, ram.bin");
    return switch (RamFormat.of(path)) {
      case RAW -> MappedSnapshotFile.open(path, span);
      case XZ, ZSTD -> CompressedSnapshotFile.open(ByteSource.of(path), span);
    };
  }

  /**
   * Opens a file read by byte ranges (a filesystem that is not mapped): uncompressed dumps are
   * fetched a window of snapshots at a time, compressed ones decompressed as read.
   */
  static SnapshotFile open(ByteSource source, RamSpan span) {
    RamFormat format;
    try {
      format = RamFormat.of(source);
    } catch (java.io.IOException e) {
      throw new CaptureException(source.name() + ": cannot read (" + e.getMessage() + ")", e);
    }
    return format == RamFormat.RAW ? RangeSnapshotFile.open(source, span) : CompressedSnapshotFile.open(source, span);
  }

  /** The file, for messages. */
  String name();

  RamSpan span();

  /** Whole snapshots that can be read. */
  long count();

  /** Uncompressed bytes past the last whole snapshot that are ignored (a cut dump, damage); 0 when none. */
  long partialBytes();

  /** Uncompressed offset of the first ignored byte. */
  default long partialOffset() {
    return count() * span().length();
  }

  /** What to tell the user about ignored bytes, if there are any. */
  default Optional<String> partialWarning() {
    if (partialBytes() == 0) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            "%s: partial trailing snapshot of %d bytes at offset %d ignored (span %d bytes)",
            name(), partialBytes(), partialOffset(), span().length()));
  }

  /**
   * Snapshot {@code index}; fresh or a view that stays valid after later calls (unlike what
   * {@link SnapshotReads} promises).
   *
   * @throws CaptureException when it cannot be read (damaged compressed data): the message names
   *     the file and the offset
   */
  @Override
  Snapshot snapshot(long index);

  /**
   * Reading may start cheaply at any multiple of this many snapshots: 1 for a mapped file, the
   * snapshots of a compressed block, or {@link #count} when the file must be read from its start.
   */
  default long snapshotsPerPart() {
    return 1;
  }

  /** A hint for the user about reading this file (a compressed file in one block is read without splits). */
  default Optional<String> note() {
    return Optional.empty();
  }

  /** Another reader of the same file, for another thread. */
  SnapshotFile reopen();

  @Override
  void close();
}
