package io.heapreel.cli;

import io.heapreel.model.open.Capture;
import io.heapreel.model.error.CaptureException;
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

  /** One snapshot whose allocation table no collector could have left. */
  static void suspectSnapshot(Capture c, long index, PrintWriter err) {
    String why = c.decoder().stats(c.snapshots().snapshot(index)).suspect();
    if (why != null) {
      suspectSnapshots(java.util.List.of("snapshot " + index + ": " + why), err);
    }
  }

  /** Snapshots whose allocation table no collector could have left ("snapshot N: why"). */
  static void suspectSnapshots(java.util.List<String> suspect, PrintWriter err) {
    if (suspect.isEmpty()) {
      return;
    }
    err.printf("heapreel: warning: %d snapshot(s) are suspect (damaged or foreign dumps, or a heap heapreel does not decode whole); their rows are not to be trusted:%n", suspect.size());
    suspect.stream().limit(LogDiagnostics.SHOWN).forEach(s -> err.println("heapreel:   " + s));
    if (suspect.size() > LogDiagnostics.SHOWN) {
      err.println("heapreel:   ...");
    }
  }

  /** A partial trailing snapshot, word-size sources that disagree. */
  static void captureWarnings(Capture c, PrintWriter err) {
    c.warnings().forEach(w -> err.println("heapreel: warning: " + w));
    c.snapshots().partialWarning().ifPresent(w -> err.println("heapreel: warning: " + w));
    c.snapshots().note().ifPresent(n -> err.println("heapreel: note: " + n));
  }
}
