package io.heapreel.model.capture;

import io.heapreel.model.error.CaptureException;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An uncompressed ram.bin on a local disk, read through memory-mapped windows of whole snapshots so
 * files over 2 GiB work and no snapshot is copied (the fast path). Snapshot i starts at byte i *
 * span; a partial trailing snapshot (an interrupted capture) is reported and ignored.
 *
 * <p>Not thread-safe: each reader (thread, DoFn instance) opens its own.
 */
final class MappedSnapshotFile extends WholeSnapshotFile {
  static final long DEFAULT_WINDOW_BYTES = 1L << 30;

  private final Path path;
  private final FileChannel channel;
  private final long snapshotsPerWindow;
  private long windowIndex = -1;
  private MappedByteBuffer window;

  private MappedSnapshotFile(Path path, RamSpan span, FileChannel channel, long fileSize, long windowBytes) {
    super(path.toString(), span, fileSize);
    this.path = path;
    this.channel = channel;
    this.snapshotsPerWindow = Math.max(1, windowBytes / span.length());
  }

  static MappedSnapshotFile open(Path path, RamSpan span) {
    return open(path, span, DEFAULT_WINDOW_BYTES);
  }

  static MappedSnapshotFile open(Path path, RamSpan span, long windowBytes) {
    requireSpanUnder2GiB(path.toString(), span);
    if (!Files.isRegularFile(path)) {
      throw new CaptureException(path + ": no such file (the concatenated RAM dumps, ram.bin)");
    }
    try {
      long size = Files.size(path);
      if (size == 0) {
        throw new CaptureException(path + ": the file is empty (expected RAM dumps of " + span.length() + " bytes each)");
      }
      if (size < span.length()) {
        throw new CaptureException(
            String.format(
                "%s: %d bytes is shorter than one snapshot (RAM span %s)", path, size, span));
      }
      FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
      return new MappedSnapshotFile(path, span, channel, size, windowBytes);
    } catch (IOException e) {
      throw new CaptureException(path + ": cannot open (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public Snapshot snapshot(long index) {
    requireSnapshot(index);
    long w = index / snapshotsPerWindow;
    if (w != windowIndex) {
      window = map(w);
      windowIndex = w;
    }
    return slice(index, window, w * snapshotsPerWindow);
  }

  private MappedByteBuffer map(long w) {
    long first = w * snapshotsPerWindow;
    long snapshots = Math.min(snapshotsPerWindow, count() - first);
    try {
      return channel.map(FileChannel.MapMode.READ_ONLY, first * span().length(), snapshots * span().length());
    } catch (IOException e) {
      throw new CaptureException(path + ": cannot map snapshots from " + first + " (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public SnapshotFile reopen() {
    return open(path, span(), snapshotsPerWindow * span().length());
  }

  @Override
  public void close() {
    window = null;
    try {
      channel.close();
    } catch (IOException e) {
      // read-only channel: nothing was written that could be lost
    }
  }
}
