package io.heapreel.model.render;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes an {@link IndexedRaster} as an 8-bit palette PNG: the signature, IHDR, the fixed palette,
 * one IDAT chunk and IEND. The raster's pixel array already is PNG's raw image data (filter "none"
 * on every row). No time or text chunks, so the bytes depend on the pixels only.
 *
 * <p>The zlib stream in IDAT is made of bands of {@link #BAND_ROWS} rows, each deflated on its own
 * with the {@link #CONTEXT_ROWS} rows above it as the deflate dictionary and ended with a sync
 * flush, so a band's deflate bytes depend only on the pixels of its rows and of the rows above it
 * that it may refer to. A {@link Session} keeps each band's bytes and pixels, and a band whose rows
 * and context did not change since the session's last frame (most of a frame: one event changes a
 * few rows) is copied instead of deflated again. Frames are large flat areas, and deflate is
 * nearly the whole cost of a frame's encoding (docs/speed.md, "Frames", has the choices measured).
 *
 * <p>{@link #encode} is thread-safe and allocates per call; a {@link Session} (one per thread)
 * keeps its deflater, bands and output buffer from frame to frame. Both give the same bytes.
 */
public final class PngEncoder {
  public static final int DEFAULT_LEVEL = 2;
  static final int BAND_ROWS = 32;
  static final int CONTEXT_ROWS = 1;
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  /** zlib header: deflate, 32 KiB window, no dictionary, "fastest" level hint (check bits make it a multiple of 31). */
  private static final byte[] ZLIB_HEADER = {0x78, 0x01};
  /** The last deflate block: stored, final, empty (BFINAL 1, BTYPE 00, LEN 0, NLEN 0xFFFF). */
  private static final byte[] LAST_BLOCK = {0x01, 0x00, 0x00, (byte) 0xFF, (byte) 0xFF};
  private static final int ADLER_BASE = 65521;

  private final int level;

  public PngEncoder() {
    this(DEFAULT_LEVEL);
  }

  public PngEncoder(int level) {
    if (level < 0 || level > 9) {
      throw new IllegalArgumentException("deflate level must be 0-9, not " + level);
    }
    this.level = level;
  }

  /** The PNG as a new array. */
  public byte[] encode(IndexedRaster raster) {
    try (Session s = session()) {
      ByteBuffer png = s.encode(raster);
      byte[] bytes = new byte[png.remaining()];
      png.get(bytes);
      return bytes;
    }
  }

  /** A deflater, the last frame's bands and an output buffer reused for every frame one thread encodes. */
  public Session session() {
    return new Session(level);
  }

  /** The Adler-32 of two byte runs one after the other, from each run's Adler-32 and the second's length. */
  static long adlerCombine(long first, long second, long secondLength) {
    long a1 = first & 0xFFFF;
    long b1 = first >>> 16;
    long a2 = second & 0xFFFF;
    long b2 = second >>> 16;
    long a = (a1 + a2 + ADLER_BASE - 1) % ADLER_BASE;
    long b = (b1 + b2 + (secondLength % ADLER_BASE) * ((a1 + ADLER_BASE - 1) % ADLER_BASE)) % ADLER_BASE;
    return (b << 16) | a;
  }

  /** Not thread-safe; the buffer {@link #encode} returns is valid until its next call. */
  public static final class Session implements AutoCloseable {
    private final Deflater deflater;
    private final CRC32 crc = new CRC32();
    private final Adler32 adler = new Adler32();
    private byte[] out = new byte[64 * 1024];
    private int length;
    /** The last frame's raw image data and, per band, its deflate bytes, their length and its Adler-32. */
    private byte[] previous = new byte[0];
    private int previousStride;
    private byte[][] bands = new byte[0][];
    private int[] bandLengths = new int[0];
    private long[] bandAdlers = new long[0];

    private Session(int level) {
      deflater = new Deflater(level, true);
    }

    /** The PNG, read-only, over this session's buffer: valid until the next call. */
    public ByteBuffer encode(IndexedRaster raster) {
      length = 0;
      put(SIGNATURE, 0, SIGNATURE.length);
      byte[] header = new byte[13];
      putInt(header, 0, raster.width());
      putInt(header, 4, raster.height());
      header[8] = 8; // bits per index
      header[9] = 3; // colour type: palette
      chunk("IHDR", header, header.length);
      byte[] palette = new byte[3 * Palette.size()];
      for (int i = 0; i < Palette.size(); i++) {
        int rgb = Palette.rgb(i);
        palette[3 * i] = (byte) (rgb >> 16);
        palette[3 * i + 1] = (byte) (rgb >> 8);
        palette[3 * i + 2] = (byte) rgb;
      }
      chunk("PLTE", palette, palette.length);
      ensure(8);
      int idat = length;
      length += 8;
      deflate(raster.scanlines(), raster.width() + 1);
      int data = length - idat - 8;
      ensure(4);
      putInt(out, idat, data);
      put("IDAT".getBytes(StandardCharsets.US_ASCII), idat + 4);
      crc.reset();
      crc.update(out, idat + 4, data + 4);
      putInt(out, length, (int) crc.getValue());
      length += 4;
      chunk("IEND", new byte[0], 0);
      return ByteBuffer.wrap(out, 0, length).asReadOnlyBuffer();
    }

    /** The zlib stream of the raw image data: header, the bands' deflate bytes, the last block, Adler-32. */
    private void deflate(byte[] raw, int stride) {
      int bandBytes = BAND_ROWS * stride;
      int count = (raw.length + bandBytes - 1) / bandBytes;
      boolean comparable = previous.length == raw.length && previousStride == stride;
      if (!comparable) {
        bands = new byte[count][];
        bandLengths = new int[count];
        bandAdlers = new long[count];
        previous = new byte[raw.length];
        previousStride = stride;
      }
      // which bands to deflate again, all found before the last frame's rows are updated
      boolean[] changed = new boolean[count];
      for (int b = 0; b < count; b++) {
        int start = b * bandBytes;
        int end = Math.min(raw.length, start + bandBytes);
        int from = Math.max(0, start - CONTEXT_ROWS * stride);
        changed[b] = !comparable || Arrays.mismatch(raw, from, end, previous, from, end) >= 0;
      }
      put(ZLIB_HEADER, 0, ZLIB_HEADER.length);
      long sum = 1;
      for (int b = 0; b < count; b++) {
        int start = b * bandBytes;
        int end = Math.min(raw.length, start + bandBytes);
        if (changed[b]) {
          deflateBand(b, raw, Math.max(0, start - CONTEXT_ROWS * stride), start, end);
          System.arraycopy(raw, start, previous, start, end - start); // an unchanged band's rows are equal already
        }
        put(bands[b], 0, bandLengths[b]);
        sum = adlerCombine(sum, bandAdlers[b], end - start);
      }
      put(LAST_BLOCK, 0, LAST_BLOCK.length);
      ensure(4);
      putInt(out, length, (int) sum);
      length += 4;
    }

    /** Band {@code b}, the bytes [start, end), deflated after the dictionary [from, start) and sync-flushed. */
    private void deflateBand(int b, byte[] raw, int from, int start, int end) {
      deflater.reset();
      if (from < start) {
        deflater.setDictionary(raw, from, start - from);
      }
      deflater.setInput(raw, start, end - start);
      byte[] band = bands[b] == null ? new byte[Math.max(256, (end - start) / 16)] : bands[b];
      int n = 0;
      while (true) {
        n += deflater.deflate(band, n, band.length - n, Deflater.SYNC_FLUSH);
        if (n < band.length) {
          break;
        }
        band = Arrays.copyOf(band, band.length * 2);
      }
      bands[b] = band;
      bandLengths[b] = n;
      adler.reset();
      adler.update(raw, start, end - start);
      bandAdlers[b] = adler.getValue();
    }

    private void chunk(String type, byte[] data, int n) {
      ensure(12 + n);
      putInt(out, length, n);
      int start = length + 4;
      put(type.getBytes(StandardCharsets.US_ASCII), start);
      System.arraycopy(data, 0, out, start + 4, n);
      crc.reset();
      crc.update(out, start, n + 4);
      putInt(out, start + 4 + n, (int) crc.getValue());
      length = start + 8 + n;
    }

    private void put(byte[] bytes, int at) {
      System.arraycopy(bytes, 0, out, at, bytes.length);
    }

    private void put(byte[] bytes, int from, int n) {
      ensure(n);
      System.arraycopy(bytes, from, out, length, n);
      length += n;
    }

    private void ensure(int more) {
      if (length + more > out.length) {
        out = Arrays.copyOf(out, Math.max(out.length * 2, length + more));
      }
    }

    private static void putInt(byte[] b, int at, int v) {
      b[at] = (byte) (v >>> 24);
      b[at + 1] = (byte) (v >>> 16);
      b[at + 2] = (byte) (v >>> 8);
      b[at + 3] = (byte) v;
    }

    @Override
    public void close() {
      deflater.end();
    }
  }
}
