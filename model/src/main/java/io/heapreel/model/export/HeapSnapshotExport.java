package io.heapreel.model.export;

import io.heapreel.model.open.Capture;
import io.heapreel.model.error.CaptureException;
import io.heapreel.model.capture.Snapshot;
import io.heapreel.model.heap.HeapLocation;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.types.Role;
import io.heapreel.model.objects.ObjectInspector;
import io.heapreel.model.objects.ObjectSnapshot;
import io.heapreel.model.objects.TargetMemory;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Exports snapshots of one capture as DevTools {@code .heapsnapshot} files: what the
 * {@code heapsnapshot} command and the pipeline call. Not thread-safe (one per thread, like the
 * capture's mapped snapshots).
 */
public final class HeapSnapshotExport {
  /**
   * Identity, allocation stacks and site roles of the objects of one snapshot.
   *
   * @param siteRoles the role the allocation site of the block at an address gives ({@link Role#UNKNOWN} when none)
   */
  public record Allocations(AllocationIds ids, AllocationSites sites, LongFunction<Role> siteRoles) {}

  private final Capture capture;
  private final ObjectInspector inspector;
  private final SnapshotGraphMapper mapper;
  private final LongFunction<Allocations> allocations;
  private final HeapSnapshotWriter writer = new HeapSnapshotWriter();

  public HeapSnapshotExport(Capture capture, ObjectInspector inspector, LongFunction<Allocations> allocations) {
    this.capture = capture;
    this.inspector = inspector;
    this.mapper = new SnapshotGraphMapper(inspector.layout(), capture.wordSize(), capture.heap().bytesPerBlock());
    this.allocations = allocations;
  }

  /** Ids by head block, no allocation stacks: what a capture without a usable log gives. */
  public static HeapSnapshotExport withoutLog(Capture capture, ObjectInspector inspector) {
    Allocations none = new Allocations(AllocationIds.byHeadBlock(capture.heap()), AllocationSites.none(), address -> Role.UNKNOWN);
    return new HeapSnapshotExport(capture, inspector, index -> none);
  }

  /**
   * Ids from the allocating events and allocation stacks from the log's backtraces, for the
   * snapshots {@code bySnapshot} holds ({@link LogAllocations#read}, or what a replay recorded).
   */
  public static HeapSnapshotExport withLog(Capture capture, ObjectInspector inspector, Map<Long, LogAllocations> bySnapshot, SiteRules rules) {
    return new HeapSnapshotExport(capture, inspector, index -> {
      LogAllocations log = bySnapshot.get(index);
      if (log == null) {
        throw new IllegalArgumentException("no allocations from the log were recorded for snapshot " + index);
      }
      return new Allocations(log, log, address -> log.siteRole(address, rules));
    });
  }

  public HeapGraph graph(long snapshotIndex) {
    Snapshot s = capture.snapshots().snapshot(snapshotIndex);
    Allocations a = allocations.apply(snapshotIndex);
    HeapLocation heap = capture.heap();
    ObjectSnapshot objects = inspector.inspect(s).withSiteRoles(block -> a.siteRoles().apply(heap.blockAddress(block)), heap);
    return mapper.map(objects, new TargetMemory(s, capture.rom().orElse(null)), a.ids(), a.sites());
  }

  /** Writes snapshot {@code index} to {@code out} (atomically); returns the graph written. */
  public HeapGraph write(long snapshotIndex, Path out) {
    HeapGraph graph = graph(snapshotIndex);
    try {
      writer.write(graph, out);
    } catch (IllegalArgumentException e) {
      throw new CaptureException(
          capture.snapshots().name() + ": snapshot " + snapshotIndex + " cannot be written as a .heapsnapshot: " + e.getMessage());
    }
    return graph;
  }
}
