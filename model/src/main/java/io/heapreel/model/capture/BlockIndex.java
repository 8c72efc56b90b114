package io.heapreel.model.capture;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Where the blocks (xz) or frames (zstd) of a compressed ram.bin start, in uncompressed and in
 * compressed bytes, and how much of it decompresses: a reader restarts decompression at a block
 * start, so a block is the unit of random access and of parallel work.
 *
 * @param seekableXz an xz file with its index (read through xz's seekable reader); false for zstd,
 *     and for an xz file whose index is lost (read as one stream from its start)
 * @param starts uncompressed offset of each block, ascending, the first 0
 * @param compressedStarts compressed offset of each block
 * @param readable uncompressed bytes that decompress (up to the damage, if any)
 * @param damage what cut the file short, naming the file and the offset; null when nothing did
 */
record BlockIndex(
    RamFormat format, boolean seekableXz, long[] starts, long[] compressedStarts, long readable, String damage)
    implements Serializable {

  int blocks() {
    return starts.length;
  }

  /** The block holding uncompressed offset {@code offset}. */
  int blockOf(long offset) {
    int i = Arrays.binarySearch(starts, offset);
    return i >= 0 ? i : -i - 2;
  }

  long size(int block) {
    return (block + 1 < starts.length ? starts[block + 1] : readable) - starts[block];
  }
}
