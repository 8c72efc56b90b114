package io.heapreel.model.objects;

import io.heapreel.model.open.Capture;
import io.heapreel.model.error.CaptureException;
import io.heapreel.model.capture.Memory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which struct layout a capture is read with. The built-in families are placed for the capture's
 * word size; when the capture folder has a {@code layout.txt} (gdb's ptype/o of the firmware), its
 * structs replace the described ones, so the offsets are the firmware's own. {@code --layout}
 * names a built-in family, a {@code .layout} file, or a ptype/o file.
 */
public final class LayoutChoice {
  private LayoutChoice() {}

  /** The layout {@code --layout} names, or the detected one (null) from the last snapshot. */
  public static Layout of(Capture capture, String option) {
    Memory last = capture.snapshots().snapshot(capture.snapshots().count() - 1);
    int ws = capture.wordSize();
    if (option == null) {
      return ObjectInspector.detect(capture.symbols(), capture.types(), last, ws, candidates(capture, capture.files().layout()));
    }
    if (LayoutFile.BUILT_IN.contains(option)) {
      Path txt = capture.files().layout();
      return txt == null
          ? LayoutFile.builtIn(option, ws)
          : LayoutFile.builtInDescription(option).at(ws, PtypeLayouts.read(txt, ws), txt.toString());
    }
    Path file = Path.of(option);
    if (isPtype(file)) {
      return ObjectInspector.detect(capture.symbols(), capture.types(), last, ws, candidates(capture, file));
    }
    return LayoutFile.describe(file).at(ws);
  }

  /**
   * The built-in families at the capture's word size, with the structs of {@code ptype} (may be
   * null) in place of the described ones; a family whose fields the firmware's structs lack is
   * left out, and when every one is, the error says which field is missing where.
   */
  static List<Layout> candidates(Capture capture, Path ptype) {
    int ws = capture.wordSize();
    if (ptype == null) {
      return LayoutFile.builtIns(ws);
    }
    Map<String, StructLayout> structs = PtypeLayouts.read(ptype, ws);
    List<Layout> layouts = new ArrayList<>();
    List<String> unfit = new ArrayList<>();
    for (String family : LayoutFile.BUILT_IN) {
      try {
        layouts.add(LayoutFile.builtInDescription(family).at(ws, structs, ptype.toString()));
      } catch (CaptureException e) {
        unfit.add(family + ": " + e.getMessage());
      }
    }
    if (layouts.isEmpty()) {
      throw new CaptureException(ptype + ": the firmware's structs lack fields every built-in layout reads: " + String.join("; ", unfit));
    }
    return layouts;
  }

  private static boolean isPtype(Path file) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try {
      return PtypeLayouts.looksLikePtype(Files.readString(file, StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      throw new CaptureException(file + ": cannot read the layout file (" + e.getMessage() + ")", e);
    }
  }
}
