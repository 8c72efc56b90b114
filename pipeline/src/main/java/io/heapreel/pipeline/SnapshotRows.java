package io.heapreel.pipeline;

import io.heapreel.model.heap.HeapStats;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** One {@code snapshots} row from a snapshot's block figures. */
final class SnapshotRows {
  // each value put by its position, looked up once: a put by name looks the field up in the schema
  private static final int SNAPSHOT = position("snapshot");
  private static final int EVENT = position("event");
  private static final int OBJECTS = position("objects");
  private static final int MARKED = position("marked");
  private static final int ALLOCATED_BLOCKS = position("allocated_blocks");
  private static final int TAIL_BLOCKS = position("tail_blocks");
  private static final int ORPHAN_TAIL_BLOCKS = position("orphan_tail_blocks");
  private static final int FREE_BLOCKS = position("free_blocks");
  private static final int LARGEST_FREE_BLOCKS = position("largest_free_blocks");
  private static final int FREE_RUNS = position("free_runs");
  private static final int FINALISER_BLOCKS = position("finaliser_blocks");
  private static final int TOTAL_BLOCKS = position("total_blocks");
  private static final int ALLOCATED_BYTES = position("allocated_bytes");
  private static final int TOTAL_BYTES = position("total_bytes");
  private static final int FREE_BYTES = position("free_bytes");
  private static final int LARGEST_FREE_BYTES = position("largest_free_bytes");
  private static final int FRAGMENTATION = position("fragmentation");
  private static final int MEAN_FREE_RUN_BLOCKS = position("mean_free_run_blocks");
  private static final int SUSPECT = position("suspect");

  private SnapshotRows() {}

  private static int position(String field) {
    return Table.SNAPSHOTS.schema().getField(field).pos();
  }

  /** Snapshot i was dumped at event i, so both columns carry the same index. */
  static GenericRecord row(long snapshot, HeapStats s, int bytesPerBlock) {
    GenericRecord r = new GenericData.Record(Table.SNAPSHOTS.schema());
    r.put(SNAPSHOT, snapshot);
    r.put(EVENT, snapshot);
    r.put(OBJECTS, s.objects());
    r.put(MARKED, s.marked());
    r.put(ALLOCATED_BLOCKS, s.allocatedBlocks());
    r.put(TAIL_BLOCKS, s.tailBlocks());
    r.put(ORPHAN_TAIL_BLOCKS, s.orphanTailBlocks());
    r.put(FREE_BLOCKS, s.freeBlocks());
    r.put(LARGEST_FREE_BLOCKS, s.largestFreeBlocks());
    r.put(FREE_RUNS, s.freeRuns());
    r.put(FINALISER_BLOCKS, s.finaliserBlocks());
    r.put(TOTAL_BLOCKS, s.totalBlocks());
    r.put(ALLOCATED_BYTES, (long) s.allocatedBlocks() * bytesPerBlock);
    r.put(TOTAL_BYTES, (long) s.totalBlocks() * bytesPerBlock);
    r.put(FREE_BYTES, (long) s.freeBlocks() * bytesPerBlock);
    r.put(LARGEST_FREE_BYTES, (long) s.largestFreeBlocks() * bytesPerBlock);
    r.put(FRAGMENTATION, fragmentation(s));
    r.put(MEAN_FREE_RUN_BLOCKS, s.freeRuns() == 0 ? 0.0 : (double) s.freeBlocks() / s.freeRuns());
    r.put(SUSPECT, s.suspect());
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
