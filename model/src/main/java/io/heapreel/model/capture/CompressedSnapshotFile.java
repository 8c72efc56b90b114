package io.heapreel.model.capture;

import io.heapreel.model.error.CaptureException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * RAM dumps compressed with xz or zstd, decompressed as they are read, a snapshot at a time, never
 * to disk. Blocks (xz) and frames (zstd) are where decompression can start, so a reader asked for
 * snapshot N decompresses from the start of the block holding it, and parallel work is split by
 * blocks ({@link #snapshotsPerPart}). The last two blocks read stay in memory as far as they were
 * decompressed ({@link BlockBuffers}), so snapshots are views into them and reading any snapshot
 * of those blocks again costs nothing; a file with blocks too large for that is streamed, keeping
 * the last three snapshots read.
 *
 * <p>Blocks should hold whole snapshots ({@code heapreel pack} writes them so). A file whose blocks
 * all have one size (what {@code xz -T} writes) is read across its boundaries. Otherwise the first
 * block boundary inside a snapshot is damage, like the end of a cut ram.bin: a dump written at
 * capture time was cut short there, and what follows is out of step, so only the snapshots before
 * it are read.
 */
final class CompressedSnapshotFile extends WholeSnapshotFile {
  /** Snapshots up to this size are kept among the recent ones (three of them at most). */
  private static final int RECENT_MAX_BYTES = 16 << 20;

  private final ByteSource source;
  private final BlockIndex index;
  private final String cut;
  /** Per block, the uncompressed offset from which reading it failed; reads there fail at once. */
  private final long[] damagedFrom;
  private final String[] damage;
  private final long maxBlockBytes;
  /** The last blocks read, decompressed in memory; null when a block is too large to hold (then {@link #recent}). */
  private final BlockBuffers blocks;
  /**
   * For a file of blocks too large to hold: the last snapshots read, newest first, kept while
   * small. The log replay reads the snapshot just before an event's (to type what the event ends)
   * right after reading the event's own: without them each such step back would restart
   * decompression at the start of its block (of the whole file, when it is one block).
   */
  private final long[] recent = {-1, -1, -1};
  private final byte[][] recentBytes = new byte[recent.length][];
  private Decompressed reader;

  private CompressedSnapshotFile(ByteSource source, RamSpan span, BlockIndex index, long maxBlockBytes) {
    this(source, span, index, maxBlockBytes, firstBoundaryInsideASnapshot(index, span.length()));
  }

  private CompressedSnapshotFile(ByteSource source, RamSpan span, BlockIndex index, long maxBlockBytes, long boundary) {
    super(source.name(), span, index.readable(), Math.min(index.readable(), boundary));
    this.source = source;
    this.index = index;
    this.maxBlockBytes = maxBlockBytes;
    this.blocks = BlockBuffers.fit(index, maxBlockBytes) ? new BlockBuffers(index) : null;
    long count = count();
    this.cut =
        boundary < index.readable()
            ? String.format(
                "%s: %s %d ends at uncompressed offset %d (compressed offset %d), inside snapshot %d (span %d bytes): a dump was cut short there,"
                    + " so the %d snapshots before it are read and the rest of the file is ignored",
                source.name(), unit(), index.blockOf(boundary) - 1, boundary, index.compressedStarts()[index.blockOf(boundary)],
                boundary / span.length(), span.length(), count)
            : null;
    this.damagedFrom = new long[index.blocks()];
    Arrays.fill(damagedFrom, Long.MAX_VALUE);
    this.damage = new String[index.blocks()];
  }

  static CompressedSnapshotFile open(ByteSource source, RamSpan span) {
    return open(source, span, BlockBuffers.MAX_BLOCK_BYTES);
  }

  /** @param maxBlockBytes blocks up to this size are held in memory as they are read, larger ones streamed */
  static CompressedSnapshotFile open(ByteSource source, RamSpan span, long maxBlockBytes) {
    requireSpanUnder2GiB(source.name(), span);
    BlockIndex index;
    try {
      index = RamFormat.of(source) == RamFormat.XZ ? XzBlocks.index(source) : ZstdFrames.index(source);
    } catch (IOException e) {
      throw new CaptureException(source.name() + ": cannot read (" + e.getMessage() + ")", e);
    }
    CompressedSnapshotFile file = new CompressedSnapshotFile(source, span, index, maxBlockBytes);
    if (file.count() == 0) {
      throw new CaptureException(
          index.damage() != null
              ? index.damage() + "; not one whole snapshot of " + span.length() + " bytes"
              : String.format("%s: %d uncompressed bytes is shorter than one snapshot (RAM span %s)", source.name(), index.readable(), span));
    }
    return file;
  }

  /**
   * The uncompressed offset of the first block start that falls inside a snapshot, unless the
   * blocks all have one size (a compressor's fixed block size); MAX_VALUE when none does.
   */
  static long firstBoundaryInsideASnapshot(BlockIndex index, long span) {
    int n = index.blocks();
    boolean oneSize = true;
    for (int b = 1; b < n - 1 && oneSize; b++) {
      oneSize = index.size(b) == index.size(0);
    }
    if (oneSize) {
      return Long.MAX_VALUE;
    }
    for (int b = 1; b < n; b++) {
      if (index.starts()[b] % span != 0) {
        return index.starts()[b];
      }
    }
    return Long.MAX_VALUE;
  }

  private String unit() {
    return index.format() == RamFormat.XZ ? "xz block" : "zstd frame";
  }

  @Override
  public Optional<String> partialWarning() {
    if (cut != null) {
      return Optional.of(cut);
    }
    if (index.damage() != null) {
      return Optional.of(index.damage() + "; " + count() + " whole snapshots");
    }
    if (partialBytes() > 0) {
      return Optional.of(
          String.format(
              "%s: partial trailing snapshot of %d bytes at uncompressed offset %d ignored (span %d bytes)",
              source.name(), partialBytes(), partialOffset(), span().length()));
    }
    return Optional.empty();
  }

  @Override
  public long snapshotsPerPart() {
    if (index.blocks() == 1) {
      return count();
    }
    return Math.max(1, index.size(0) / span().length());
  }

  @Override
  public Optional<String> note() {
    if (index.blocks() > 1 || count() < 2) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            "%s is one %s, so it is read from its start without parallel splits, and a snapshot out of order costs a decompression"
                + " from the start; heapreel pack with the same capture options rewrites it in blocks of whole snapshots",
            source.name(), unit()));
  }

  @Override
  public Snapshot snapshot(long index) {
    requireSnapshot(index);
    long offset = index * span().length();
    int first = this.index.blockOf(offset);
    int last = this.index.blockOf(offset + span().length() - 1);
    for (int b = first; b <= last; b++) {
      if (damagedFrom[b] < offset + span().length()) {
        throw new CaptureException(damage[b]);
      }
    }
    if (blocks == null) {
      for (int i = 0; i < recent.length; i++) {
        if (recent[i] == index) {
          return new Snapshot(index, span().start(), ByteBuffer.wrap(recentBytes[i]));
        }
      }
    }
    ByteBuffer data;
    try {
      if (blocks != null) {
        data = blocks.read(reader(), offset, (int) span().length());
      } else {
        byte[] bytes = new byte[(int) span().length()];
        reader().read(offset, bytes, 0, bytes.length);
        remember(index, bytes);
        data = ByteBuffer.wrap(bytes);
      }
    } catch (IOException | RuntimeException e) {
      damagedFrom[first] = Math.min(damagedFrom[first], offset);
      damage[first] =
          String.format(
              "%s: %s %d (compressed offset %d) is damaged: it does not decompress up to snapshot %d (uncompressed offset %d): %s",
              source.name(), unit(), first, this.index.compressedStarts()[first], index, offset, e.getMessage());
      throw new CaptureException(damage[first], e);
    }
    return new Snapshot(index, span().start(), data);
  }

  private void remember(long index, byte[] bytes) {
    if (bytes.length <= RECENT_MAX_BYTES) {
      System.arraycopy(recent, 0, recent, 1, recent.length - 1);
      System.arraycopy(recentBytes, 0, recentBytes, 1, recent.length - 1);
      recent[0] = index;
      recentBytes[0] = bytes;
    }
  }

  private Decompressed reader() {
    if (reader == null) {
      reader = index.format() == RamFormat.XZ ? XzBlocks.reader(source, index) : ZstdFrames.reader(source, index);
    }
    return reader;
  }

  @Override
  public SnapshotFile reopen() {
    return new CompressedSnapshotFile(source, span(), index, maxBlockBytes);
  }

  @Override
  public void close() {
    if (blocks != null) {
      blocks.clear();
    }
    if (reader != null) {
      reader.close();
      reader = null;
    }
  }
}
