package io.heapreel.model.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.heapreel.model.error.CaptureException;
import io.heapreel.model.heap.BlockState;
import io.heapreel.model.heap.HeapStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegVideoTest {
  @TempDir Path dir;

  private List<Path> frames(int n) throws IOException {
    List<Path> paths = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] states = new byte[512];
      states[i] = BlockState.HEAD;
      FrameInput input = new FrameInput(i, List.of(new AreaBlocks(0x20000000L, 16, states)),
          List.of(new FrameAllocation(0, i, 1, ColourClass.builtin("str"), false, false, false)),
          new FrameEvent(i, "alloc", 0, i, 1, ""), new HeapStats(1, 0, 1, 0, 0, 511, 511 - i, 2, 0, 512),
          FreeTimeline.empty(512));
      Path p = dir.resolve(String.format("heap_%06d.png", i * 7));
      Files.write(p, new FramePainter().png(input));
      paths.add(p);
    }
    return paths;
  }

  @Test
  void withoutFfmpegTheMessageSaysHowToInstallIt() throws IOException {
    FfmpegVideo missing = new FfmpegVideo("heapreel-test-no-such-ffmpeg");
    assertThat(missing.available()).isFalse();
    List<Path> frames = frames(1);
    assertThatThrownBy(() -> missing.write(frames, 30, dir.resolve("heap.mp4")))
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("apt-get install ffmpeg")
        .hasMessageContaining("--gif");
    assertThat(dir.resolve("heap.mp4")).doesNotExist();
  }

  @Test
  void makesAnH264Yuv420pMp4WithEveryFrame() throws IOException, InterruptedException {
    FfmpegVideo ffmpeg = new FfmpegVideo();
    assumeTrue(ffmpeg.available(), "ffmpeg is not installed: skipped");
    Path mp4 = dir.resolve("heap.mp4");
    ffmpeg.write(frames(12), 24, mp4);
    assertThat(mp4).isNotEmptyFile();
    assertThat(Files.list(dir).filter(p -> p.getFileName().toString().startsWith("."))).isEmpty();
    Process probe = new ProcessBuilder(
            "ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
            "-show_entries", "stream=codec_name,pix_fmt,nb_read_frames,width,height", "-of", "default=noprint_wrappers=1", mp4.toString())
        .redirectErrorStream(true).start();
    String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assumeTrue(probe.waitFor() == 0, "ffprobe did not run: " + out);
    assertThat(out).contains("codec_name=h264").contains("pix_fmt=yuv420p").contains("nb_read_frames=12");
  }
}
