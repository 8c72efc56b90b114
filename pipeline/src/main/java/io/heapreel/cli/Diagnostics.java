package io.heapreel.cli;

import io.heapreel.model.capture.Capture;
import io.heapreel.model.capture.SnapshotFile;
import java.io.PrintWriter;

/** Warnings about sound-but-damaged input, printed to stderr so stdout stays data. */
final class Diagnostics {
  private Diagnostics() {}

  static void partialSnapshot(Capture c, PrintWriter err) {
    SnapshotFile f = c.snapshots();
    if (f.partialBytes() > 0) {
      err.printf(
          "heapreel: warning: %s: partial trailing snapshot of %d bytes at offset %d ignored (span %d bytes)%n",
          f.path(), f.partialBytes(), f.partialOffset(), f.span().length());
    }
  }
}
