package io.heapreel.model.objects;

import io.heapreel.model.open.Capture;
import io.heapreel.model.error.CaptureException;
import io.heapreel.model.capture.Memory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which struct layout a capture is read with. The built-in families are placed for the capture's
 * word size; when the capture folder has a {@code layout.txt} (gdb's ptype/o of the firmware), its
 * structs replace the described ones, so the offsets are the firmware's own. {@code --layout}
 * names a built-in family, a {@code .layout} file, or a ptype/o file.
 */
public final class LayoutChoice {
  private static final String QSTR_POOL = "qstr_pool_t";

  private LayoutChoice() {}

  /** The layout {@code --layout} names, or the detected one (null) from the last snapshot. */
  public static Layout of(Capture capture, String option) {
    Memory last = capture.snapshots().snapshot(capture.snapshots().count() - 1);
    int ws = capture.wordSize();
    Optional<QstrPoolShape> shape = QstrPoolShape.of(capture.symbols(), capture.flash().orElse(null), ws);
    if (option == null) {
      return ObjectInspector.detect(capture.symbols(), capture.types(), last, ws, candidates(capture, capture.files().layout(), shape));
    }
    if (LayoutFile.BUILT_IN.contains(option)) {
      Path txt = capture.files().layout();
      Map<String, StructLayout> structs = txt == null ? Map.of() : PtypeLayouts.read(txt, ws);
      return withRepr(capture, last, shaped(ws, shape, LayoutFile.builtInDescription(option), structs, txt == null ? null : txt.toString()));
    }
    Path file = Path.of(option);
    if (isPtype(file)) {
      return ObjectInspector.detect(capture.symbols(), capture.types(), last, ws, candidates(capture, file, shape));
    }
    return withRepr(capture, last, LayoutFile.describe(file).at(ws));
  }

  private static Layout withRepr(Capture capture, Memory last, Layout layout) {
    return layout.withRepr(ObjectReprFinder.find(capture.symbols(), last, layout, capture.wordSize()));
  }

  /**
   * The built-in families at the capture's word size, with the structs of {@code ptype} (may be
   * null) in place of the described ones; a family whose fields the firmware's structs lack is
   * left out, and when every one is, the error says which field is missing where.
   */
  static List<Layout> candidates(Capture capture, Path ptype) {
    return candidates(capture, ptype, QstrPoolShape.of(capture.symbols(), capture.flash().orElse(null), capture.wordSize()));
  }

  private static List<Layout> candidates(Capture capture, Path ptype, Optional<QstrPoolShape> shape) {
    int ws = capture.wordSize();
    if (ptype == null) {
      return LayoutFile.BUILT_IN.stream().map(f -> shaped(ws, shape, LayoutFile.builtInDescription(f), Map.of(), null)).toList();
    }
    Map<String, StructLayout> structs = PtypeLayouts.read(ptype, ws);
    List<Layout> layouts = new ArrayList<>();
    List<String> unfit = new ArrayList<>();
    for (String family : LayoutFile.BUILT_IN) {
      try {
        layouts.add(shaped(ws, shape, LayoutFile.builtInDescription(family), structs, ptype.toString()));
      } catch (CaptureException e) {
        unfit.add(family + ": " + e.getMessage());
      }
    }
    if (layouts.isEmpty()) {
      throw new CaptureException(ptype + ": the firmware's structs lack fields every built-in layout reads: " + String.join("; ", unfit));
    }
    return layouts;
  }

  /**
   * The description placed with the firmware's structs ({@code ptype}'s, may be empty) and the qstr
   * pool's shape as the ROM pool shows it ({@link QstrPoolShape}): without the pool's hashes pointer
   * when the firmware has none and {@code ptype} does not give the struct, and with its length size.
   */
  private static Layout shaped(
      int ws, Optional<QstrPoolShape> shape, LayoutDescription description, Map<String, StructLayout> ptype, String ptypeSource) {
    Map<String, StructLayout> structs = new LinkedHashMap<>(ptype);
    String source = ptypeSource;
    Optional<StructDeclaration> pool = description.structs().stream().filter(d -> d.name().equals(QSTR_POOL)).findFirst();
    if (shape.isPresent() && !shape.get().hashes() && !structs.containsKey(QSTR_POOL) && pool.isPresent()) {
      List<StructDeclaration.Field> fields = pool.get().fields().stream().filter(f -> !f.name().equals("hashes")).toList();
      structs.put(QSTR_POOL, new StructDeclaration(QSTR_POOL, fields, pool.get().where()).layout(ws, structs));
      source = (source == null ? "" : source + " and ") + "the ROM qstr pool (no hashes: MICROPY_QSTR_BYTES_IN_HASH 0)";
    }
    Layout layout = description.at(ws, structs, source);
    if (shape.isEmpty() || shape.get().lenBytes() == 0) {
      return layout;
    }
    return layout.withOption("qstr_pool.len_bytes", Integer.toString(shape.get().lenBytes()));
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
