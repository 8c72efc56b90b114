package io.heapreel.model.render;

import io.heapreel.model.error.CaptureException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An H.264 MP4 of frame PNGs made by the ffmpeg program: yuv420p and even dimensions so browsers
 * and phones play it, the index at the front so it streams. The frames are listed to ffmpeg in a
 * concat file, so any names and gaps in the numbering work.
 */
public final class FfmpegVideo {
  public static final String MISSING =
      "ffmpeg is needed for MP4 video and is not installed (or not on PATH): install it"
          + " (Debian/Ubuntu: apt-get install ffmpeg; Fedora: dnf install ffmpeg; macOS: brew install ffmpeg)";
  /** For the {@code video} command, which can write a GIF instead when asked. */
  public static final String INSTALL_HINT = MISSING + ", or write an animated GIF without it with --gif";

  private final String ffmpeg;

  public FfmpegVideo(String ffmpeg) {
    this.ffmpeg = ffmpeg;
  }

  public FfmpegVideo() {
    this("ffmpeg");
  }

  /** Whether the ffmpeg program runs at all. */
  public boolean available() {
    try {
      Process p = new ProcessBuilder(ffmpeg, "-version").redirectErrorStream(true).start();
      p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Encodes the frames, in the given order, at {@code fps} frames per second into {@code target}. */
  public void write(List<Path> frames, double fps, Path target) {
    if (frames.isEmpty()) {
      throw new CaptureException("no frames to put in " + target);
    }
    if (!available()) {
      throw new CaptureException(INSTALL_HINT);
    }
    Path partial = target.resolveSibling("." + target.getFileName() + ".partial.mp4");
    Path list = target.resolveSibling("." + target.getFileName() + ".frames.txt");
    try {
      Files.write(list, concatList(frames, fps), StandardCharsets.UTF_8);
      List<String> command = new ArrayList<>(List.of(
          ffmpeg, "-y", "-hide_banner", "-loglevel", "error",
          "-f", "concat", "-safe", "0", "-i", list.toString(),
          "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2,format=yuv420p",
          "-r", fmt(fps),
          "-c:v", "libx264", "-pix_fmt", "yuv420p", "-movflags", "+faststart",
          "-f", "mp4", partial.toString()));
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      int exit = p.waitFor();
      if (exit != 0) {
        throw new CaptureException("ffmpeg failed (exit " + exit + ") making " + target + (output.isEmpty() ? "" : ": " + output));
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CaptureException(target + ": cannot make the video (" + e.getMessage() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CaptureException("interrupted while ffmpeg made " + target, e);
    } finally {
      deleteQuietly(partial);
      deleteQuietly(list);
    }
  }

  /** ffmpeg's concat demuxer: each frame lasts 1/fps. */
  static List<String> concatList(List<Path> frames, double fps) {
    List<String> lines = new ArrayList<>();
    lines.add("ffconcat version 1.0");
    String duration = fmt(1 / fps);
    for (Path f : frames) {
      lines.add("file '" + f.toAbsolutePath().toString().replace("'", "'\\''") + "'");
      lines.add("duration " + duration);
    }
    return lines;
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.6f", value);
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // a hidden leftover beside the output; the next run overwrites it
    }
  }
}
