package io.heapreel.pipeline;

import io.heapreel.model.heap.HeapStats;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** One {@code snapshots} row from a snapshot's block figures. */
final class SnapshotRows {
  private SnapshotRows() {}

  /** Snapshot i was dumped at event i, so both columns carry the same index. */
  static GenericRecord row(long snapshot, HeapStats s, int bytesPerBlock) {
    GenericRecord r = new GenericData.Record(Table.SNAPSHOTS.schema());
    r.put("snapshot", snapshot);
    r.put("event", snapshot);
    r.put("objects", s.objects());
    r.put("marked", s.marked());
    r.put("allocated_blocks", s.allocatedBlocks());
    r.put("tail_blocks", s.tailBlocks());
    r.put("orphan_tail_blocks", s.orphanTailBlocks());
    r.put("free_blocks", s.freeBlocks());
    r.put("largest_free_blocks", s.largestFreeBlocks());
    r.put("free_runs", s.freeRuns());
    r.put("finaliser_blocks", s.finaliserBlocks());
    r.put("total_blocks", s.totalBlocks());
    r.put("allocated_bytes", (long) s.allocatedBlocks() * bytesPerBlock);
    r.put("total_bytes", (long) s.totalBlocks() * bytesPerBlock);
    r.put("free_bytes", (long) s.freeBlocks() * bytesPerBlock);
    r.put("largest_free_bytes", (long) s.largestFreeBlocks() * bytesPerBlock);
    r.put("fragmentation", fragmentation(s));
    r.put("mean_free_run_blocks", s.freeRuns() == 0 ? 0.0 : (double) s.freeBlocks() / s.freeRuns());
    r.put("suspect", s.suspect());
    return r;
  }

  /**
   * 1 - largest free run / free blocks: 0 when all free memory is one run (any request that fits in
   * the free total can be served), near 1 when it is scattered in small runs.
   */
  static double fragmentation(HeapStats s) {
    return s.freeBlocks() == 0 ? 0.0 : 1.0 - (double) s.largestFreeBlocks() / s.freeBlocks();
  }
}
