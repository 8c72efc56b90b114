package io.heapreel.model.export;

import io.heapreel.model.capture.Capture;
import io.heapreel.model.capture.CaptureException;
import io.heapreel.model.capture.Snapshot;
import java.nio.file.Path;

/**
 * Exports snapshots of one capture as DevTools {@code .heapsnapshot} files: what the
 * {@code heapsnapshot} command and the pipeline call. Not thread-safe (one per thread, like the
 * capture's mapped snapshots).
 */
public final class HeapSnapshotExport {
  private final Capture capture;
  private final SnapshotGraphMapper mapper;
  private final AllocationIds ids;
  private final AllocationSites sites;
  private final HeapSnapshotWriter writer = new HeapSnapshotWriter();

  public HeapSnapshotExport(Capture capture, AllocationIds ids, AllocationSites sites) {
    this.capture = capture;
    this.mapper =
        new SnapshotGraphMapper(capture.heap(), capture.symbols(), capture.ram(), capture.wordSize(), RootLayout.MICROPYTHON_V1_2X_32);
    this.ids = ids;
    this.sites = sites;
  }

  /** Ids by head block, no allocation stacks: what a capture without a usable log gives. */
  public static HeapSnapshotExport withoutLog(Capture capture) {
    return new HeapSnapshotExport(capture, AllocationIds.byHeadBlock(capture.heap()), AllocationSites.none());
  }

  public HeapGraph graph(long snapshotIndex) {
    Snapshot s = capture.snapshots().snapshot(snapshotIndex);
    return mapper.map(s, capture.decoder().allocations(s), ids, sites);
  }

  /** Writes snapshot {@code index} to {@code out} (atomically); returns the graph written. */
  public HeapGraph write(long snapshotIndex, Path out) {
    HeapGraph graph = graph(snapshotIndex);
    try {
      writer.write(graph, out);
    } catch (IllegalArgumentException e) {
      throw new CaptureException(
          capture.snapshots().path() + ": snapshot " + snapshotIndex + " cannot be written as a .heapsnapshot: " + e.getMessage());
    }
    return graph;
  }
}
