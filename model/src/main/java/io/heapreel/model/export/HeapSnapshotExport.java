package io.heapreel.model.export;

import io.heapreel.model.capture.Capture;
import io.heapreel.model.capture.CaptureException;
import io.heapreel.model.capture.Snapshot;
import io.heapreel.model.objects.ObjectInspector;
import io.heapreel.model.objects.ObjectSnapshot;
import io.heapreel.model.objects.TargetMemory;
import java.nio.file.Path;

/**
 * Exports snapshots of one capture as DevTools {@code .heapsnapshot} files: what the
 * {@code heapsnapshot} command and the pipeline call. Not thread-safe (one per thread, like the
 * capture's mapped snapshots).
 */
public final class HeapSnapshotExport {
  private final Capture capture;
  private final ObjectInspector inspector;
  private final SnapshotGraphMapper mapper;
  private final AllocationIds ids;
  private final AllocationSites sites;
  private final HeapSnapshotWriter writer = new HeapSnapshotWriter();

  public HeapSnapshotExport(Capture capture, ObjectInspector inspector, AllocationIds ids, AllocationSites sites) {
    this.capture = capture;
    this.inspector = inspector;
    this.mapper = new SnapshotGraphMapper(inspector.layout(), capture.wordSize(), capture.heap().bytesPerBlock());
    this.ids = ids;
    this.sites = sites;
  }

  /** Ids by head block, no allocation stacks: what a capture without a usable log gives. */
  public static HeapSnapshotExport withoutLog(Capture capture, ObjectInspector inspector) {
    return new HeapSnapshotExport(capture, inspector, AllocationIds.byHeadBlock(capture.heap()), AllocationSites.none());
  }

  public HeapGraph graph(long snapshotIndex) {
    Snapshot s = capture.snapshots().snapshot(snapshotIndex);
    ObjectSnapshot objects = inspector.inspect(s);
    return mapper.map(objects, new TargetMemory(s, capture.rom().orElse(null)), ids, sites);
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
