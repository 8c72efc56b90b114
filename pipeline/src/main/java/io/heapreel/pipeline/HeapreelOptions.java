package io.heapreel.pipeline;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * What {@code heapreel run} adds to Beam's own options. The capture itself is opened on the
 * launcher (see {@link CaptureFacts}); these only steer the pipeline.
 */
public interface HeapreelOptions extends PipelineOptions {
  @Description("Output folder: tables/<table>/*.parquet and run.json go there.")
  String getOut();

  void setOut(String out);

  @Description(
      "Key frames, the snapshots that get full object detail (objects, references, roots): "
          + "N for every N-th snapshot, a comma list of indices, or 'last'. The last snapshot is always one.")
  @Default.String("1000")
  String getKeyFrames();

  void setKeyFrames(String keyFrames);

  @Description("Snapshots per split of ram.bin (0: chosen from the capture size and the parallelism).")
  @Default.Long(0)
  long getSnapshotsPerSplit();

  void setSnapshotsPerSplit(long snapshots);

  @Description("Show a progress bar on the console while the pipeline runs.")
  @Default.Boolean(true)
  boolean getProgress();

  void setProgress(boolean progress);

  @Description("Render a heap-layout frame per selected snapshot into OUT/frames/heap_NNNNNN.png.")
  @Default.Boolean(false)
  boolean getFrames();

  void setFrames(boolean frames);

  @Description("With frames: every N-th snapshot of the range.")
  @Default.Long(1)
  long getFrameEvery();

  void setFrameEvery(long every);

  @Description("With frames: snapshots A-B inclusive, or A- to the last (default: all).")
  String getFrameRange();

  void setFrameRange(String range);

  @Description("Assemble the frames into OUT/heap.mp4 (ffmpeg) or, without ffmpeg, OUT/heap.gif; implies frames.")
  @Default.Boolean(false)
  boolean getVideo();

  void setVideo(boolean video);

  @Description("Frames per second of the video.")
  @Default.Double(30)
  double getFps();

  void setFps(double fps);

  @Description("Snapshots to export as Chrome DevTools heap snapshots into OUT/heapsnapshots/: a comma list of indices or 'last'.")
  String getHeapsnapshots();

  void setHeapsnapshots(String snapshots);

  @Description("Write the self-contained HTML report OUT/report.html.")
  @Default.Boolean(true)
  boolean getReport();

  void setReport(boolean report);
}
