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
}
