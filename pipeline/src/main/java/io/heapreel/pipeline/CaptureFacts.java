package io.heapreel.pipeline;

import io.heapreel.model.capture.Capture;
import io.heapreel.model.capture.RamSpan;
import io.heapreel.model.capture.SnapshotFile;
import io.heapreel.model.heap.BuiltinTypes;
import io.heapreel.model.heap.HeapDecoder;
import io.heapreel.model.heap.HeapLocation;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * What the launcher learns once from a capture (where the heap is, the built-in types, the RAM span)
 * and hands to every worker, so no worker searches again. Paths are strings: workers open the files
 * themselves.
 *
 * @param logFile the gdb log, or null when the capture has none
 * @param snapshotCount whole snapshots in {@code ramFile}
 */
public record CaptureFacts(
    String ramFile,
    String logFile,
    RamSpan span,
    long snapshotCount,
    int wordSize,
    HeapLocation heap,
    BuiltinTypes types) implements Serializable {

  public static CaptureFacts of(Capture capture) {
    Path log = capture.files().log();
    return new CaptureFacts(
        capture.snapshots().path().toAbsolutePath().toString(),
        log == null ? null : log.toAbsolutePath().toString(),
        capture.ram(),
        capture.snapshots().count(),
        capture.wordSize(),
        capture.heap(),
        capture.types());
  }

  /** A fresh reader of the snapshots; each DoFn instance opens its own and closes it. */
  public SnapshotFile openSnapshots() {
    return SnapshotFile.open(Path.of(ramFile), span);
  }

  public HeapDecoder decoder() {
    return new HeapDecoder(heap, types);
  }

  public long lastSnapshot() {
    return snapshotCount - 1;
  }
}
