package io.heapreel.pipeline;

import io.heapreel.model.error.CaptureException;
import java.nio.file.Path;

/**
 * What one {@code heapreel run} is asked for, built by the command line and checked when built,
 * before any work. Beam's own options travel beside it and steer the runner alone.
 *
 * @param out the folder the tables, run.json and the other outputs go to
 * @param keyFrames N, a comma list of indices or {@code last} (see {@link KeyFrames})
 * @param snapshotsPerSplit snapshots per split of ram.bin; 0 chooses from the capture size and the parallelism
 * @param progress a progress bar on the console while the pipeline runs
 * @param frames a heap-layout frame per selected snapshot (always with {@code video})
 * @param frameEvery with frames: every N-th snapshot of the range
 * @param frameRange with frames: A-B, A- or null for all
 * @param video the frames assembled into a video
 * @param fps frames per second of the video
 * @param heapsnapshots snapshots exported for Chrome DevTools: a comma list or {@code last}; null for none
 * @param report the self-contained HTML report
 */
public record RunSettings(
    Path out,
    String keyFrames,
    long snapshotsPerSplit,
    boolean progress,
    boolean frames,
    long frameEvery,
    String frameRange,
    boolean video,
    double fps,
    String heapsnapshots,
    boolean report) {
  public static final String DEFAULT_KEY_FRAMES = "1000";
  public static final String DEFAULT_FRAME_EVERY = "1";
  public static final String DEFAULT_FPS = "30";

  public RunSettings {
    if (out == null) {
      throw new CaptureException("--out is needed: the folder the tables and run.json go to");
    }
    if (video && (!(fps > 0) || fps > 240)) {
      throw new CaptureException("--fps must be above 0 and at most 240, not " + fps);
    }
    frames = frames || video;
  }

  /** Every table, default key frames, progress, the report; no frames, video or DevTools exports. */
  public static RunSettings defaults(Path out) {
    return new RunSettings(
        out, DEFAULT_KEY_FRAMES, 0, true, false, Long.parseLong(DEFAULT_FRAME_EVERY), null, false,
        Double.parseDouble(DEFAULT_FPS), null, true);
  }
}
