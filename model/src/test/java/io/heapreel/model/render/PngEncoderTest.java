package io.heapreel.model.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.Adler32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** PNGs read back with ImageIO's decoder: every pixel is its palette index's colour. */
class PngEncoderTest {
  @Test
  void noiseThatCompressesBadlyOutgrowsTheBufferAndStillDecodes() throws IOException {
    IndexedRaster raster = new IndexedRaster(1001, 333, Palette.PAGE);
    SplittableRandom random = new SplittableRandom(7);
    for (int y = 0; y < raster.height(); y++) {
      for (int x = 0; x < raster.width(); x++) {
        raster.set(x, y, random.nextInt(Palette.size()));
      }
    }
    try (PngEncoder.Session session = new PngEncoder().session()) {
      for (int round = 0; round < 2; round++) {
        ByteBuffer png = session.encode(raster);
        assertThat(png.remaining()).as("over the session's first 64 KiB buffer").isGreaterThan(64 * 1024);
        byte[] bytes = new byte[png.remaining()];
        png.get(bytes);
        assertThat(bytes).isEqualTo(new PngEncoder().encode(raster));
        assertPixels(bytes, raster);
      }
    }
  }

  @Test
  void everyLevelGivesTheSamePixels() throws IOException {
    IndexedRaster raster = new FramePainter().paint(SyntheticFrames.bigHeap(null, 5));
    for (int level : new int[] {0, 1, 6, 9}) {
      assertPixels(new PngEncoder(level).encode(raster), raster);
    }
  }

  @Test
  void aSessionCopyingUnchangedBandsGivesTheBytesOfAFreshEncoderAndThePixels() throws IOException, DataFormatException {
    List<FrameInput> inputs = SyntheticFrames.all();
    IndexedRaster first = new FramePainter().paint(inputs.get(0));
    int band = PngEncoder.BAND_ROWS;
    try (PngEncoder.Session session = new PngEncoder().session()) {
      encodeAndCheck(session, first);
      // a pixel in the last row of the second band: the row the third band's deflate bytes may refer to
      first.set(first.width() / 2, 2 * band - 1, Palette.HIGHLIGHT);
      encodeAndCheck(session, first);
      first.set(0, 0, Palette.HIGHLIGHT);
      first.set(first.width() - 1, first.height() - 1, Palette.HIGHLIGHT);
      encodeAndCheck(session, first);
      encodeAndCheck(session, first);
      for (FrameInput input : inputs) {
        encodeAndCheck(session, new FramePainter().paint(input));
      }
      // rows that repeat one noisy row: each band's first row is deflated as a copy of the row above it
      IndexedRaster repeated = new IndexedRaster(300, 3 * band, Palette.PAGE);
      SplittableRandom random = new SplittableRandom(11);
      for (int x = 0; x < repeated.width(); x++) {
        repeated.set(x, 0, random.nextInt(Palette.size()));
      }
      repeated.repeatLine(0, 0, repeated.width(), repeated.height());
      encodeAndCheck(session, repeated);
      repeated.set(100, 2 * band - 1, (repeated.get(100, 2 * band - 1) + 1) % Palette.size());
      encodeAndCheck(session, repeated);
      IndexedRaster narrow = new IndexedRaster(7, 3 * band + 5, Palette.PAGE);
      encodeAndCheck(session, narrow);
      narrow.fill(2, band, 3, 1, Palette.HIGHLIGHT);
      encodeAndCheck(session, narrow);
    }
  }

  @Test
  void adlerOfTwoRunsCombinesToTheAdlerOfBoth() {
    SplittableRandom random = new SplittableRandom(3);
    byte[] bytes = new byte[200_000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : 255);
    }
    for (int split : new int[] {0, 1, 5552, 65521, 100_000, bytes.length}) {
      assertThat(PngEncoder.adlerCombine(adler(bytes, 0, split), adler(bytes, split, bytes.length), bytes.length - split))
          .as("split at %d", split)
          .isEqualTo(adler(bytes, 0, bytes.length));
    }
  }

  private static long adler(byte[] bytes, int from, int to) {
    Adler32 a = new Adler32();
    a.update(bytes, from, to - from);
    return a.getValue();
  }

  /** The session's PNG: the same bytes as a fresh encoder's, the raster's pixels, a zlib stream whose checksum holds. */
  private static void encodeAndCheck(PngEncoder.Session session, IndexedRaster raster) throws IOException, DataFormatException {
    ByteBuffer png = session.encode(raster);
    byte[] bytes = new byte[png.remaining()];
    png.get(bytes);
    assertThat(bytes).isEqualTo(new PngEncoder().encode(raster));
    assertPixels(bytes, raster);
    Inflater inflater = new Inflater();
    inflater.setInput(idat(bytes));
    byte[] raw = new byte[raster.height() * (raster.width() + 1) + 1];
    int n = inflater.inflate(raw);
    assertThat(inflater.finished()).as("the stream ends, its Adler-32 checked").isTrue();
    inflater.end();
    assertThat(Arrays.copyOf(raw, n)).isEqualTo(raster.scanlines());
  }

  /** The data of the one IDAT chunk. */
  private static byte[] idat(byte[] png) {
    ByteBuffer b = ByteBuffer.wrap(png, 8, png.length - 8);
    while (b.remaining() >= 12) {
      int n = b.getInt();
      byte[] type = new byte[4];
      b.get(type);
      if (new String(type, java.nio.charset.StandardCharsets.US_ASCII).equals("IDAT")) {
        byte[] data = new byte[n];
        b.get(data);
        return data;
      }
      b.position(b.position() + n + 4);
    }
    throw new AssertionError("no IDAT chunk");
  }

  private static void assertPixels(byte[] png, IndexedRaster raster) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(raster.width());
    assertThat(image.getHeight()).isEqualTo(raster.height());
    for (int y = 0; y < raster.height(); y++) {
      for (int x = 0; x < raster.width(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) != Palette.rgb(raster.get(x, y))) {
          throw new AssertionError("pixel (" + x + ", " + y + ")");
        }
      }
    }
  }
}
