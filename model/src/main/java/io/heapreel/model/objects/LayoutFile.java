package io.heapreel.model.objects;

import io.heapreel.model.error.CaptureException;
import io.heapreel.model.capture.InputFiles;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the line-based {@code .layout} format (see the built-in micropython-v1.2x.layout): structs
 * with C types, then the fields, roots and owners the decoder reads, named by struct path. A file
 * is checked whole when it is read: every struct placed and every path resolved at 4- and 8-byte
 * words, so a mistake is reported with its file and line before any snapshot is read.
 */
public final class LayoutFile {
  /** The layouts shipped with heapreel, in the order automatic detection tries them. */
  public static final List<String> BUILT_IN = List.of("micropython-v1.2x", "circuitpython-old");

  private static final Pattern MEMBER =
      Pattern.compile("^(\\w+)\\s+(\\w+)(?:\\[(\\d*)\\])?(?:\\s*:\\s*(\\S+))?$");

  private LayoutFile() {}

  public static LayoutDescription describe(Path file) {
    if (!Files.exists(file)) {
      throw new CaptureException(file + ": no such layout file (built-in layouts: " + String.join(", ", BUILT_IN) + ")");
    }
    InputFiles.requireRegular(file, "--layout");
    try {
      return parse(text(file, Files.readAllBytes(file)), file.toString());
    } catch (IOException e) {
      throw new CaptureException(file + ": cannot read the layout file (" + e.getMessage() + ")", e);
    }
  }

  /** The file as UTF-8 text; a byte sequence that is not UTF-8 is reported with its line. */
  private static String text(Path file, byte[] bytes) {
    CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return strict.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      int line = 1;
      int from = 0;
      for (int i = 0; i <= bytes.length; i++) {
        if (i == bytes.length || bytes[i] == '\n') {
          try {
            strict.reset().decode(ByteBuffer.wrap(bytes, from, i - from));
          } catch (CharacterCodingException bad) {
            break;
          }
          line++;
          from = i + 1;
        }
      }
      throw new CaptureException(file + ":" + line + ": not UTF-8 text (is this a layout file?)", e);
    }
  }

  public static LayoutDescription builtInDescription(String family) {
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

  /** A layout file at 4-byte words. */
  public static Layout read(Path file) {
    return describe(file).at(4);
  }

  public static Layout builtIn(String family) {
    return builtIn(family, 4);
  }

  public static Layout builtIn(String family, int wordSize) {
    return builtInDescription(family).at(wordSize);
  }

  public static List<Layout> builtIns() {
    return builtIns(4);
  }

  public static List<Layout> builtIns(int wordSize) {
    return BUILT_IN.stream().map(f -> builtIn(f, wordSize)).toList();
  }

  static LayoutDescription parse(String text, String source) {
    String family = null;
    String symbol = "mp_state_ctx";
    List<StructDeclaration> structs = new ArrayList<>();
    List<LayoutDescription.Statement> statements = new ArrayList<>();
    String struct = null;
    String structWhere = null;
    List<StructDeclaration.Field> members = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int hash = line.indexOf('#');
      String body = (hash >= 0 ? line.substring(0, hash) : line).trim();
      if (body.isEmpty()) {
        continue;
      }
      String[] w = body.split("\\s+");
      String where = source + ":" + (i + 1);
      if (struct != null) {
        if (w[0].equals("end") && w.length == 1) {
          structs.add(new StructDeclaration(struct, members, structWhere));
          struct = null;
          members = new ArrayList<>();
        } else {
          members.add(member(body, where));
        }
        continue;
      }
      switch (w[0]) {
        case "family" -> family = only(w, 2, where)[1];
        case "symbol" -> symbol = only(w, 2, where)[1];
        case "struct" -> {
          struct = only(w, 2, where)[1];
          structWhere = where;
        }
        case "field" -> statements.add(new LayoutDescription.Statement("field", only(w, 3, where)[1], w[2], null, where));
        case "option" -> statements.add(new LayoutDescription.Statement("option", only(w, 3, where)[1], null, w[2], where));
        case "root" -> statements.add(new LayoutDescription.Statement("root", null, only(w, 3, where)[1], w[2], where));
        case "owner" -> statements.add(owner(w, where));
        default -> throw new CaptureException(
            where + ": unknown keyword '" + w[0] + "' (expected family, symbol, struct, field, option, root or owner)");
      }
    }
    if (struct != null) {
      throw new CaptureException(structWhere + ": struct " + struct + " has no 'end' line");
    }
    if (family == null) {
      throw new CaptureException(source + ": no 'family NAME' line (every layout names its firmware family)");
    }
    LayoutDescription description = new LayoutDescription(family, source, symbol, structs, statements);
    // checked now, at both word sizes, rather than when a snapshot first needs a field
    description.at(4);
    description.at(8);
    return description;
  }

  private static StructDeclaration.Field member(String body, String where) {
    Matcher m = MEMBER.matcher(body.replaceAll("\\s*\\[\\s*", "[").replaceAll("\\s*]", "]"));
    if (!m.matches()) {
      throw new CaptureException(where + ": expected a struct member 'TYPE NAME', 'TYPE NAME[N]' or 'TYPE NAME : WIDTH', or 'end', got '" + body + "'");
    }
    int count = m.group(3) == null ? -1 : m.group(3).isEmpty() ? 0 : Integer.parseInt(m.group(3));
    return new StructDeclaration.Field(m.group(1), m.group(2), count, m.group(4), where);
  }

  /** {@code owner TYPE|ROLE SPEC ROLE [when PATH=V,...]} */
  private static LayoutDescription.Statement owner(String[] w, String where) {
    if (w.length == 6 && w[4].equals("when")) {
      return new LayoutDescription.Statement("owner", w[1], w[2], w[3], w[5], where);
    }
    only(w, 4, where);
    return new LayoutDescription.Statement("owner", w[1], w[2], w[3], where);
  }

  private static String[] only(String[] words, int n, String where) {
    if (words.length != n) {
      throw new CaptureException(where + ": '" + words[0] + "' takes " + (n - 1) + " value(s), got " + (words.length - 1));
    }
    return words;
  }
}
