package io.heapreel.model.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.heap.BlockState;
import io.heapreel.model.heap.HeapStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GifAnimationTest {
  @TempDir Path dir;

  /** Three frames: one allocation grows by a block each snapshot. */
  private List<Path> frames() throws IOException {
    List<Path> paths = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      byte[] states = new byte[512];
      states[0] = BlockState.HEAD;
      for (int b = 1; b <= i; b++) {
        states[b] = BlockState.TAIL;
      }
      FrameInput input = new FrameInput(i, List.of(new AreaBlocks(0x20000000L, 16, states)),
          List.of(new FrameAllocation(0, 0, i + 1, ColourClass.builtin("list"), false, false, false)),
          new FrameEvent(i, i == 0 ? "alloc" : "realloc", 0, 0, i + 1, ""),
          new HeapStats(1, 0, i + 1, i, 0, 511 - i, 511 - i, 1, 0, 512),
          FreeTimeline.of(new int[] {511, 510, 509}, new int[] {511, 510, 509}, 512));
      Path p = dir.resolve(String.format("heap_%06d.png", i));
      Files.write(p, new FramePainter().png(input));
      paths.add(p);
    }
    return paths;
  }

  @Test
  void theGifHoldsEveryFrameWithTheDelayAndLoops() throws IOException {
    Path gif = dir.resolve("heap.gif");
    new GifAnimation(10).write(frames(), gif);
    try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
      ImageReader reader = ImageIO.getImageReaders(in).next();
      reader.setInput(in);
      assertThat(reader.getNumImages(true)).isEqualTo(3);
      IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
      IIOMetadataNode control = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
      assertThat(control.getAttribute("delayTime")).isEqualTo("10");
      assertThat(root.getElementsByTagName("ApplicationExtension").getLength()).isEqualTo(1);
      assertThat(reader.read(2).getWidth()).isEqualTo(ImageIO.read(dir.resolve("heap_000002.png").toFile()).getWidth());
    }
    assertThat(dir.resolve(".heap.gif.partial")).doesNotExist();
  }
}
