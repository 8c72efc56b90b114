package io.heapreel.pipeline;

import java.io.Serializable;

/**
 * Snapshot indices cut into batches of {@code perBatch} by arithmetic: batch b holds snapshots
 * [b * perBatch, min((b + 1) * perBatch, count)). Batches are the positions a decode worker claims,
 * so one claim yields one output of a few hundred rows.
 */
public record SnapshotBatches(long count, long perBatch) implements Serializable {
  public SnapshotBatches {
    if (count < 0 || perBatch <= 0) {
      throw new IllegalArgumentException("batches of " + perBatch + " over " + count + " snapshots");
    }
  }

  /**
   * Batches of about 256 MiB of ram.bin, between 1 and 4096 snapshots each; for a compressed file of
   * several blocks, whole blocks (as many as fit in that, at least one), so that a range of batches
   * starts where decompression can. Not a block each: each batch becomes a Parquet file of the
   * {@code snapshots} table, each with its writer's fixed cost (mostly interpreted code, as it runs
   * once a file): 8 MiB blocks made eight times the files of a ram.bin run (241 instead of 30 on the
   * 2 GB bench capture), and 64 MiB batches 120 files on the 8 GB capture, whose writers took a
   * third of the time of writing its rows. No batch is longer than a split of {@code snapshotsPerSplit}.
   */
  public static SnapshotBatches of(CaptureFacts facts, long snapshotsPerSplit) {
    long bySize = Math.max(1, Math.min(Math.min(4096, snapshotsPerSplit), (256L << 20) / facts.span().length()));
    long perPart = facts.snapshotsPerPart();
    long perBatch = perPart > 1 && !facts.readFromStartOnly() ? perPart * Math.max(1, bySize / perPart) : bySize;
    return new SnapshotBatches(facts.snapshotCount(), perBatch);
  }

  public long batches() {
    return (count + perBatch - 1) / perBatch;
  }

  public long first(long batch) {
    return batch * perBatch;
  }

  /** Exclusive. */
  public long end(long batch) {
    return Math.min(count, (batch + 1) * perBatch);
  }
}
