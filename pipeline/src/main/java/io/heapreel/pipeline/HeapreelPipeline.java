package io.heapreel.pipeline;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * The heapreel pipeline, shaped like the data flow in DESIGN.md: ram.bin split into snapshot
 * ranges and decoded, rows written as one Parquet folder per table.
 *
 * @param tablesFolder where the table folders are written (a staging folder; the launcher moves
 *     them into place when the run succeeds)
 * @param damageFolder where lines about damaged input are written
 */
public record HeapreelPipeline(
    CaptureFacts facts, KeyFrames keyFrames, long snapshotsPerSplit, String tablesFolder, String damageFolder) {

  /** Splits of at least one batch; {@code snapshotsPerSplit} is rounded to whole batches. */
  private long batchesPerSplit(SnapshotBatches batches) {
    return Math.max(1, snapshotsPerSplit / batches.perBatch());
  }

  public Pipeline expandInto(Pipeline pipeline) {
    SnapshotBatches batches = SnapshotBatches.of(facts);
    PCollectionTuple decoded =
        pipeline.apply("DecodeSnapshots", new DecodeSnapshots(facts, batches, batchesPerSplit(batches)));
    decoded.get(DecodeSnapshots.SNAPSHOTS)
        .apply("WriteSnapshots", new WriteTable(Table.SNAPSHOTS, tablesFolder));
    decoded.get(DecodeSnapshots.DAMAGE).apply("WriteSnapshotDamage", new WriteDamage(damageFolder + "/snapshots"));
    return pipeline;
  }

  /** About eight ranges per worker, each at most 256 MiB of ram.bin and at least 16 snapshots. */
  public static long defaultSnapshotsPerSplit(CaptureFacts facts, int workers) {
    long perWorker = facts.snapshotCount() / (8L * Math.max(1, workers));
    long byBytes = Math.max(1, (256L << 20) / facts.span().length());
    return Math.max(16, Math.min(perWorker, byBytes));
  }
}
