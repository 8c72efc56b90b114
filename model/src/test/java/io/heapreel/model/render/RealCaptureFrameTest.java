package io.heapreel.model.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.open.Capture;
import io.heapreel.model.capture.Snapshot;
import io.heapreel.model.testing.RealCaptures;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Frames of the real dev capture against reference_stats.csv (computed independently in Python). */
class RealCaptureFrameTest {
  private static final int OUTLINE = 0xFF00CC;
  private static final int FREE = 0xF0F0F0;

  @Test
  void snapshot754OutlinesItsAllocAndShowsTheReferenceFreeSpace() throws IOException {
    // reference_stats.csv row 754: alloc at block 1371, 24 blocks; 357 free blocks, longest run 353
    List<String> rows = Files.readAllLines(RealCaptures.referenceFile("dev", "reference_stats.csv"));
    String[] header = rows.get(0).split(",");
    String[] row = rows.get(755).split(",");
    int block = Integer.parseInt(row[List.of(header).indexOf("event_block")]);
    int length = Integer.parseInt(row[List.of(header).indexOf("event_length")]);
    int free = Integer.parseInt(row[List.of(header).indexOf("free_blocks")]);
    try (Capture c = Capture.open(RealCaptures.dev())) {
      Snapshot s = c.snapshots().snapshot(754);
      FrameInput input = FrameInputs.of(754, s, c.decoder(), new FrameEvent(754, "alloc", 0, block, length, ""), FreeTimeline.empty(1748));
      assertThat(input.totals().freeBlocks()).isEqualTo(free);
      FramePainter painter = new FramePainter();
      FrameLayout l = painter.layout(input);
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(painter.png(input)));
      int x = l.cellX(block);
      int y = l.cellY(0, block) + l.cell() / 2;
      assertThat(image.getRGB(x, y) & 0xFFFFFF).isEqualTo(OUTLINE);
      int last = block + length - 1;
      assertThat(image.getRGB(l.cellX(last) + l.cell() - 1, l.cellY(0, last) + l.cell() / 2) & 0xFFFFFF).isEqualTo(OUTLINE);
      int freeCells = 0;
      for (int b = 0; b < 1748; b++) {
        if ((image.getRGB(l.cellX(b) + l.cell() / 2, l.cellY(0, b) + l.cell() / 2) & 0xFFFFFF) == FREE) {
          freeCells++;
        }
      }
      assertThat(freeCells).isEqualTo(free);
    }
  }
}
