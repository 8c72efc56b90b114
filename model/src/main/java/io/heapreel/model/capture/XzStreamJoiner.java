package io.heapreel.model.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Joins xz streams of one block each, compressed apart (on several threads: xz's Java encoder
 * writes a block only in order, on one thread), into one xz stream with one index, the layout
 * {@code xz -T} writes. A reader then learns every block from that one index instead of walking
 * the file stream by stream. The blocks are copied as they are; only the stream header, the index
 * and the footer are written here (the .xz file format, sections 2.1 and 4).
 */
final class XzStreamJoiner {
  private static final int HEADER = 12;
  private static final int FOOTER = 12;
  private static final byte[] FOOTER_MAGIC = {'Y', 'Z'};

  private final OutputStream out;
  private final ByteArrayOutputStream records = new ByteArrayOutputStream();
  private byte[] flags;
  private long blocks;

  XzStreamJoiner(OutputStream out) {
    this.out = out;
  }

  /**
   * Writes the block of {@code stream}, a whole xz stream holding exactly one block.
   *
   * @return the bytes written
   */
  long add(byte[] stream) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(stream).order(ByteOrder.LITTLE_ENDIAN);
    byte[] streamFlags = Arrays.copyOfRange(stream, 6, 8);
    int indexSize = (b.getInt(stream.length - 8) + 1) * 4;
    int index = stream.length - FOOTER - indexSize;
    int[] at = {index + 1};
    long count = varint(stream, at);
    long unpadded = varint(stream, at);
    long uncompressed = varint(stream, at);
    if (stream[index] != 0 || count != 1 || flags != null && !Arrays.equals(flags, streamFlags)) {
      throw new IllegalArgumentException("not an xz stream of one block with the flags of the others");
    }
    long written = 0;
    if (flags == null) {
      flags = streamFlags;
      out.write(stream, 0, HEADER);
      written += HEADER;
    }
    out.write(stream, HEADER, index - HEADER);
    written += index - HEADER;
    putVarint(records, unpadded);
    putVarint(records, uncompressed);
    blocks++;
    return written;
  }

  /**
   * Writes the index of all blocks and the stream footer.
   *
   * @return the bytes written
   */
  long finish() throws IOException {
    if (flags == null) {
      throw new IllegalStateException("no block to write");
    }
    ByteArrayOutputStream index = new ByteArrayOutputStream();
    index.write(0);
    putVarint(index, blocks);
    records.writeTo(index);
    while (index.size() % 4 != 0) {
      index.write(0);
    }
    CRC32 crc = new CRC32();
    crc.update(index.toByteArray());
    index.write(le(crc.getValue()));
    ByteBuffer footer = ByteBuffer.allocate(FOOTER).order(ByteOrder.LITTLE_ENDIAN);
    footer.position(4);
    footer.putInt(index.size() / 4 - 1).put(flags).put(FOOTER_MAGIC);
    CRC32 footerCrc = new CRC32();
    footerCrc.update(footer.array(), 4, 6);
    footer.putInt(0, (int) footerCrc.getValue());
    index.writeTo(out);
    out.write(footer.array());
    return index.size() + FOOTER;
  }

  private static byte[] le(long crc) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc).array();
  }

  /** xz's variable-length integer: 7 bits a byte, lowest first, the top bit set on all but the last. */
  private static long varint(byte[] b, int[] at) {
    long v = 0;
    for (int shift = 0; ; shift += 7) {
      int x = b[at[0]++] & 0xff;
      v |= (long) (x & 0x7f) << shift;
      if (x < 0x80) {
        return v;
      }
    }
  }

  private static void putVarint(ByteArrayOutputStream out, long v) {
    while (v >= 0x80) {
      out.write((int) (v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out.write((int) v);
  }
}
