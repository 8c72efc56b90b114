package io.heapreel.cli;

import io.heapreel.model.error.CaptureException;
import io.heapreel.model.render.FfmpegVideo;
import io.heapreel.model.render.FrameFiles;
import io.heapreel.model.render.GifAnimation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Frames to a video: MP4 through ffmpeg, or an animated GIF in pure Java. */
@Command(
    name = "video",
    mixinStandardHelpOptions = true,
    description = {
      "Assemble the heap_NNNNNN.png frames of a folder, in snapshot order, into a video.",
      "MP4 (H.264, yuv420p, plays in browsers) needs the ffmpeg program; --gif writes an animated GIF"
          + " without any external tool (large for thousands of frames: render with --frame-every first)."
    })
public final class VideoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--frames", paramLabel = "DIR", required = true, description = "Folder of heap_NNNNNN.png frames (from 'frames' or 'run --frames').")
  Path frames;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "The video file to write (heap.mp4, or heap.gif with --gif).")
  Path out;

  @Option(names = "--fps", paramLabel = "N", defaultValue = "30", description = "Frames per second (default: ${DEFAULT-VALUE}; a GIF caps at 50).")
  double fps;

  @Mixin ProgressOptions console;

  @Option(names = "--gif", description = "Write an animated GIF in pure Java instead of an MP4 through ffmpeg.")
  boolean gif;

  @Override
  public Integer call() {
    if (!(fps > 0) || fps > 240) {
      throw new CaptureException("--fps must be above 0 and at most 240, not " + fps);
    }
    List<Path> list = FrameFiles.list(frames);
    long started = System.nanoTime();
    if (gif) {
      new GifAnimation(fps).write(list, out);
    } else {
      new FfmpegVideo().write(list, fps, out);
    }
    PrintWriter err = console.summary(spec.commandLine().getErr());
    err.printf(Locale.ROOT, "heapreel: wrote %s: %d frames at %s frames/s in %.1f s%n",
        out, list.size(), fps, (System.nanoTime() - started) / 1e9);
    return 0;
  }

  /** The frames of a folder in name (= snapshot) order. */

}
