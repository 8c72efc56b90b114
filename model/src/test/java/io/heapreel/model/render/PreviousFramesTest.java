package io.heapreel.model.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.open.Capture;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.objects.ObjectInspector;
import io.heapreel.model.testing.RealCaptures;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Frames pixel for pixel against the PNGs the previous renderer wrote (PNGJ encoder, a fresh
 * raster per frame, everything painted for every frame; commit 2e44995, kept in {@code previous/}; the legend's
 * second row redrawn, and only its 902 x 14 pixels changed, when set_table and tuple_items joined two swatches; the
 * caption of small_000060 redrawn, 164 x 13 pixels, when its site became the caller of mp_obj_malloc_helper; that of
 * dev_001421, a sweep, 179 x 13 pixels, when a sweep's site became what started the collection instead of gc_collect):
 * the real dev capture with its log and object colours, the generated sample capture, and hand-built
 * big heaps with 4-pixel cells, through the painter alone, a canvas reused across frames and the
 * frame job. Decoded with ImageIO, so only the pixels count, not the PNG bytes.
 */
class PreviousFramesTest {
  @Test
  void syntheticBigHeapsArePaintedAsBefore() throws IOException {
    List<FrameInput> inputs = SyntheticFrames.all();
    for (int i = 0; i < inputs.size(); i++) {
      assertSamePixels(new FramePainter().png(inputs.get(i)), "synthetic_" + i + ".png");
    }
  }

  @Test
  void oneCanvasReusedFromFrameToFrameGivesThePixelsOfAFreshOne() throws IOException {
    List<FrameInput> inputs = SyntheticFrames.all();
    try (FrameCanvas canvas = new FrameCanvas()) {
      for (int round = 0; round < 2; round++) {
        for (int i = inputs.size() - 1; i >= 0; i--) {
          assertSamePixels(bytes(canvas.png(inputs.get(i))), "synthetic_" + i + ".png");
        }
      }
    }
  }

  @Test
  void devCaptureFramesAreAsBefore() throws IOException {
    compareCapture(RealCaptures.dev(), "dev", List.of(754L, 1421L, 2736L));
  }

  @Test
  void smallSampleFramesAreAsBefore() throws IOException {
    compareCapture(RealCaptures.checkout().resolve("sample-dumps").resolve("small"), "small", List.of(0L, 60L, 119L));
  }

  private void compareCapture(Path folder, String name, List<Long> snapshots) throws IOException {
    try (Capture c = Capture.open(folder)) {
      Map<Long, FrameEvent> captions = FrameEvents.read(c.files().requireLog(), SiteRules.MICROPYTHON, c.heap(), Set.copyOf(snapshots)::contains);
      FreeTimeline timeline = FrameInputs.timeline(c.snapshots(), c.decoder());
      Map<String, byte[]> written = new HashMap<>();
      FrameJob job = new FrameJob(c.decoder(), ObjectInspector.of(c), timeline, (file, png) -> written.put(file, bytes(png)));
      try (FrameJob.Worker worker = job.worker()) {
        for (long s : snapshots) {
          worker.render(c.snapshots().snapshot(s), captions.get(s));
        }
      }
      for (long s : snapshots) {
        assertSamePixels(written.get(String.format("heap_%06d.png", s)), String.format("%s_%06d.png", name, s));
      }
    }
  }

  private static byte[] bytes(ByteBuffer png) {
    byte[] b = new byte[png.remaining()];
    png.get(b);
    return b;
  }

  private static void assertSamePixels(byte[] png, String reference) throws IOException {
    BufferedImage actual = ImageIO.read(new ByteArrayInputStream(png));
    BufferedImage expected;
    try (InputStream in = PreviousFramesTest.class.getResourceAsStream("previous/" + reference)) {
      assertThat(in).as(reference).isNotNull();
      expected = ImageIO.read(in);
    }
    assertThat(actual.getWidth()).as(reference + " width").isEqualTo(expected.getWidth());
    assertThat(actual.getHeight()).as(reference + " height").isEqualTo(expected.getHeight());
    int differing = 0;
    String first = null;
    for (int y = 0; y < expected.getHeight(); y++) {
      for (int x = 0; x < expected.getWidth(); x++) {
        if (actual.getRGB(x, y) != expected.getRGB(x, y)) {
          if (first == null) {
            first = String.format("(%d, %d): %06x instead of %06x", x, y, actual.getRGB(x, y) & 0xFFFFFF, expected.getRGB(x, y) & 0xFFFFFF);
          }
          differing++;
        }
      }
    }
    assertThat(differing).as(reference + ": pixels differing from the previous renderer's, the first at " + first).isZero();
  }
}
