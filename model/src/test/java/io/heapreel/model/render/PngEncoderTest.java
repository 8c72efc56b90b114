package io.heapreel.model.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
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
