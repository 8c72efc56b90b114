package io.heapreel.model.capture;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The last two blocks of a compressed file that were read, each decompressed into an array of its
 * size as far as it has been read, so that every snapshot in them is a view (no copy, no
 * allocation per snapshot) and a read behind, within them, decompresses nothing again. The log
 * replay reads each event's snapshot and the one before it, which is in the block before at a
 * block's first snapshot: hence two.
 *
 * <p>A block is filled only up to the end of what was asked for, in the pieces asked for: a reader
 * of one snapshot decompresses no further than it, and damage inside a block fails exactly the
 * snapshots that a reader of the stream would fail.
 */
final class BlockBuffers {
  /** Blocks up to this size are held in memory; a file with a larger one is read as a stream. */
  static final long MAX_BLOCK_BYTES = 32 << 20;

  private final BlockIndex index;
  /** Newest first. */
  private final Block[] kept = new Block[2];

  BlockBuffers(BlockIndex index) {
    this.index = index;
  }

  /** Whether every block of the file is at most {@code maxBlockBytes}. */
  static boolean fit(BlockIndex index, long maxBlockBytes) {
    for (int b = 0; b < index.blocks(); b++) {
      if (index.size(b) > maxBlockBytes) {
        return false;
      }
    }
    return true;
  }

  /**
   * The uncompressed bytes {@code [offset, offset + length)}: a view into their block's array, or a
   * copy when they lie across blocks. The view stays valid: a block's bytes are never overwritten
   * with others.
   */
  ByteBuffer read(Decompressed reader, long offset, int length) throws IOException {
    int first = index.blockOf(offset);
    int last = index.blockOf(offset + length - 1);
    if (first == last) {
      Block block = block(first);
      int at = (int) (offset - block.start);
      block.fill(reader, at + length);
      return ByteBuffer.wrap(block.bytes).slice(at, length);
    }
    byte[] copy = new byte[length];
    for (int b = first; b <= last; b++) {
      Block block = block(b);
      long from = Math.max(offset, block.start);
      long to = Math.min(offset + length, block.start + block.bytes.length);
      block.fill(reader, (int) (to - block.start));
      System.arraycopy(block.bytes, (int) (from - block.start), copy, (int) (from - offset), (int) (to - from));
    }
    return ByteBuffer.wrap(copy);
  }

  private Block block(int b) {
    if (kept[0] != null && kept[0].number == b) {
      return kept[0];
    }
    Block block = kept[1] != null && kept[1].number == b ? kept[1] : new Block(b, index.starts()[b], new byte[(int) index.size(b)]);
    kept[1] = kept[0];
    kept[0] = block;
    return block;
  }

  /** Lets the blocks go. */
  void clear() {
    kept[0] = null;
    kept[1] = null;
  }

  /** A block's bytes, decompressed up to {@code filled}. */
  private static final class Block {
    final int number;
    final long start;
    final byte[] bytes;
    int filled;

    Block(int number, long start, byte[] bytes) {
      this.number = number;
      this.start = start;
      this.bytes = bytes;
    }

    void fill(Decompressed reader, int upTo) throws IOException {
      if (filled < upTo) {
        reader.read(start + filled, bytes, filled, upTo - filled);
        filled = upTo;
      }
    }
  }
}
