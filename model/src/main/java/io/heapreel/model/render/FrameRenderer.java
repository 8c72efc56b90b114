package io.heapreel.model.render;

import io.heapreel.model.capture.Snapshot;
import io.heapreel.model.heap.HeapDecoder;
import io.heapreel.model.objects.ObjectInspector;

/**
 * One snapshot to one PNG frame: decodes the blocks, colours allocations by the object analysis
 * when an inspector is given (by built-in type otherwise), and paints. Thread-safe when the
 * inspector is; callers give each thread its own snapshots.
 */
public final class FrameRenderer {
  private final HeapDecoder decoder;
  private final ObjectInspector inspector;
  private final FramePainter painter = new FramePainter();

  /** @param inspector the object level for colours and garbage, or null for built-in types only */
  public FrameRenderer(HeapDecoder decoder, ObjectInspector inspector) {
    this.decoder = decoder;
    this.inspector = inspector;
  }

  /** The file a snapshot's frame goes to: by index, so a re-render overwrites. */
  public static String fileName(long snapshot) {
    return String.format("heap_%06d.png", snapshot);
  }

  /** @param event the snapshot's event, or null when the log has none for it */
  public byte[] png(Snapshot snapshot, FrameEvent event, FreeTimeline timeline) {
    return painter.png(input(snapshot, event, timeline));
  }

  /** What the painter gets: the decode and colouring half of {@link #png}. */
  public FrameInput input(Snapshot snapshot, FrameEvent event, FreeTimeline timeline) {
    return inspector == null
        ? FrameInputs.of(snapshot.index(), snapshot, decoder, event, timeline)
        : new ObjectColours(inspector.analyze(snapshot)).frame(snapshot.index(), snapshot, decoder, event, timeline);
  }
}
