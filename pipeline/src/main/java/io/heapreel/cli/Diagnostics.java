package io.heapreel.cli;

import io.heapreel.model.capture.Capture;
import io.heapreel.model.capture.CaptureException;
import io.heapreel.model.objects.ObjectInspector;
import java.io.PrintWriter;

/** Warnings about sound-but-damaged input, printed to stderr so stdout stays data. */
final class Diagnostics {
  private Diagnostics() {}

  /**
   * The object level for frame colours, or null (built-in type colours only, with a warning) when
   * no built-in layout fits the capture: what {@code run --frames} does too.
   */
  static ObjectInspector objectsOrBuiltinColours(Capture c, PrintWriter err) {
    try {
      return ObjectInspector.of(c);
    } catch (CaptureException e) {
      err.println("heapreel: warning: frames coloured by built-in types only: " + e.getMessage());
      return null;
    }
  }

  /** A partial trailing snapshot, word-size sources that disagree. */
  static void captureWarnings(Capture c, PrintWriter err) {
    c.warnings().forEach(w -> err.println("heapreel: warning: " + w));
    c.snapshots().partialWarning().ifPresent(w -> err.println("heapreel: warning: " + w));
    c.snapshots().note().ifPresent(n -> err.println("heapreel: note: " + n));
  }
}
