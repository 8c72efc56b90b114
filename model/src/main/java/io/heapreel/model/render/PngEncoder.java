package io.heapreel.model.render;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes an {@link IndexedRaster} as an 8-bit palette PNG: the signature, IHDR, the fixed palette,
 * one IDAT chunk and IEND. The raster's pixel array already is PNG's raw image data (filter "none"
 * on every row), so it goes to {@link Deflater} as it is; frames are large flat areas, and at a low
 * level deflate is the whole cost of a frame's encoding (docs/speed.md, "Frames", has the levels
 * and filters measured). No time or text chunks, so the bytes depend on the pixels only.
 *
 * <p>{@link #encode} is thread-safe and allocates per call; a {@link Session} (one per thread)
 * keeps its deflater and output buffer from frame to frame.
 */
public final class PngEncoder {
  public static final int DEFAULT_LEVEL = 1;
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

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

  /** A deflater and an output buffer reused for every frame one thread encodes. */
  public Session session() {
    return new Session(level);
  }

  /** Not thread-safe; the buffer {@link #encode} returns is valid until its next call. */
  public static final class Session implements AutoCloseable {
    private final Deflater deflater;
    private final CRC32 crc = new CRC32();
    private byte[] out = new byte[64 * 1024];
    private int length;

    private Session(int level) {
      deflater = new Deflater(level);
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
      deflater.reset();
      deflater.setInput(raster.scanlines());
      deflater.finish();
      while (!deflater.finished()) {
        if (length == out.length) {
          out = Arrays.copyOf(out, out.length * 2);
        }
        length += deflater.deflate(out, length, out.length - length);
      }
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
