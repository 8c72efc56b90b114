package io.heapreel.pipeline;

import io.heapreel.model.render.FrameSelection;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * The outputs one pipeline is asked for, decided once on the launcher, each present or absent:
 * the log's tables, the key frames' object tables, the frames. {@link HeapreelPipeline} wires
 * exactly these and reports the tables it wired.
 *
 * @param log the gdb log's events, lifespans and call sites (and the frames' captions)
 * @param objects the key frames whose objects, references and roots are written; absent without a struct layout
 * @param frames the frames to render and where
 * @param exportAllocations the snapshots exported for DevTools, whose allocations from the log the
 *     replay leaves in a folder for the export ({@link HeapsnapshotExports}); absent without a log or exports
 */
public record PipelineOutputs(boolean log, Optional<KeyFrames> objects, Optional<Frames> frames, Optional<ExportAllocations> exportAllocations) {
  /** The snapshots that get a frame, and the folder the PNGs go to. */
  public record Frames(FrameSelection selection, String folder) {}

  /** The snapshots exported for DevTools, and the folder their allocations go to. */
  public record ExportAllocations(List<Long> snapshots, String folder) implements Serializable {
    public ExportAllocations {
      snapshots = List.copyOf(snapshots);
    }
  }

  /** What the capture allows of what was asked: the log's tables with a log, object tables with a layout. */
  public static PipelineOutputs of(CaptureFacts facts, KeyFrames keyFrames, Optional<Frames> frames, Optional<ExportAllocations> exports) {
    boolean log = facts.logFile() != null;
    return new PipelineOutputs(
        log, facts.layout() == null ? Optional.empty() : Optional.of(keyFrames), frames,
        log ? exports.filter(e -> !e.snapshots().isEmpty()) : Optional.empty());
  }
}
