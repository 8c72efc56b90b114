package io.heapreel.model.objects;

import io.heapreel.model.capture.CaptureException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the line-based {@code .layout} format (see the built-in micropython-v1.2x.layout). */
public final class LayoutFile {
  /** The layouts shipped with heapreel, in the order automatic detection tries them. */
  public static final List<String> BUILT_IN = List.of("micropython-v1.2x", "circuitpython-old");

  private LayoutFile() {}

  public static Layout read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new CaptureException(file + ": no such layout file (built-in layouts: " + String.join(", ", BUILT_IN) + ")");
    }
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new CaptureException(file + ": cannot read the layout file (" + e.getMessage() + ")", e);
    }
  }

  public static Layout builtIn(String family) {
    String resource = "layouts/" + family + ".layout";
    try (InputStream in = LayoutFile.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new CaptureException("no built-in layout '" + family + "' (built in: " + String.join(", ", BUILT_IN) + ")");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in " + family + ".layout");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code --layout}: a built-in family's name, else a layout file's path. */
  public static Layout named(String nameOrFile) {
    return BUILT_IN.contains(nameOrFile) ? builtIn(nameOrFile) : read(Path.of(nameOrFile));
  }

  public static List<Layout> builtIns() {
    return BUILT_IN.stream().map(LayoutFile::builtIn).toList();
  }

  static Layout parse(String text, String source) {
    String family = null;
    String symbol = "mp_state_ctx";
    Map<String, Integer> fields = new LinkedHashMap<>();
    Map<String, String> options = new LinkedHashMap<>();
    List<FieldRule> roots = new ArrayList<>();
    Map<String, List<FieldRule>> owners = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int hash = line.indexOf('#');
      String[] w = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
      if (w.length == 1 && w[0].isEmpty()) {
        continue;
      }
      String where = source + ":" + (i + 1);
      try {
        switch (w[0]) {
          case "family" -> family = only(w, 2, where)[1];
          case "symbol" -> symbol = only(w, 2, where)[1];
          case "field" -> fields.put(only(w, 3, where)[1], Integer.decode(w[2]));
          case "option" -> options.put(only(w, 3, where)[1], w[2]);
          case "root" -> roots.add(FieldRule.parse(only(w, 3, where)[1], w[2]));
          case "owner" -> owners.computeIfAbsent(only(w, 4, where)[1], k -> new ArrayList<>()).add(FieldRule.parse(w[2], w[3]));
          default -> throw new CaptureException(where + ": unknown keyword '" + w[0] + "' (expected family, symbol, field, option, root or owner)");
        }
      } catch (NumberFormatException e) {
        throw new CaptureException(where + ": expected a byte offset, got '" + line.trim() + "'");
      } catch (IllegalArgumentException e) {
        throw new CaptureException(where + ": " + e.getMessage());
      }
    }
    if (family == null) {
      throw new CaptureException(source + ": no 'family NAME' line (every layout names its firmware family)");
    }
    owners.replaceAll((k, v) -> List.copyOf(v));
    return new Layout(family, source, symbol, fields, options, roots, owners);
  }

  private static String[] only(String[] words, int n, String where) {
    if (words.length != n) {
      throw new CaptureException(where + ": '" + words[0] + "' takes " + (n - 1) + " value(s), got " + (words.length - 1));
    }
    return words;
  }
}
