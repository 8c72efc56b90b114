package io.heapreel.cli;

import io.heapreel.model.capture.Capture;
import java.io.PrintWriter;

/** Warnings about sound-but-damaged input, printed to stderr so stdout stays data. */
final class Diagnostics {
  private Diagnostics() {}

  static void partialSnapshot(Capture c, PrintWriter err) {
    c.snapshots().partialWarning().ifPresent(w -> err.println("heapreel: warning: " + w));
  }
}
