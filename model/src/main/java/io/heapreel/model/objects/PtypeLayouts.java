package io.heapreel.model.objects;

import io.heapreel.model.error.CaptureException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Struct layouts as the firmware itself has them: gdb's {@code ptype/o} output (the {@code
 * layout.txt} that {@code scripts/capture.gdb} writes beside the log). Each {@code type = struct
 * _name {} block becomes a {@link StructLayout} known as {@code _name} and {@code name}; a struct
 * or union gdb expands inline becomes a struct of its own named {@code outer.member}. Lines that
 * are not part of a block (gdb's other output) are skipped.
 */
public final class PtypeLayouts {
  private static final Pattern START = Pattern.compile("type = (?:struct|union) (\\w+) \\{\\s*$");
  /** {@code /*   4: 3   |   4 *\/ size_t used : 29;}; the offset is absent for union members. */
  private static final Pattern MEMBER =
      Pattern.compile("^\\s*/\\*\\s*(?:(\\d+)(?::\\s*(\\d+))?\\s*\\|)?\\s*(\\d+)\\s*\\*/\\s*(.*)$");
  private static final Pattern NAME =
      Pattern.compile("(?:\\(\\s*\\*\\s*(\\w+)\\s*\\).*|(\\w+)\\s*((?:\\[\\s*\\d*\\s*\\])*)\\s*(?::\\s*(\\d+))?)\\s*;\\s*$");
  private static final Pattern CLOSE = Pattern.compile("^\\s*}\\s*(\\w*)\\s*((?:\\[\\s*\\d*\\s*\\])*)\\s*;?\\s*$");
  private static final Pattern TOTAL = Pattern.compile("/\\*\\s*total size \\(bytes\\):\\s*(\\d+)\\s*\\*/");

  private PtypeLayouts() {}

  /** Whether the text looks like ptype output rather than a .layout file. */
  public static boolean looksLikePtype(String text) {
    return text.lines().anyMatch(l -> START.matcher(l).find());
  }

  public static Map<String, StructLayout> read(Path file, int wordSize) {
    try {
      return parse(Files.readString(file, StandardCharsets.ISO_8859_1), file.toString(), wordSize);
    } catch (IOException e) {
      throw new CaptureException(file + ": cannot read the struct layouts (" + e.getMessage() + ")", e);
    }
  }

  private static final class Block {
    final String name;
    final long start;
    final boolean union;
    final String where;
    final List<StructLayout.Member> members = new ArrayList<>();
    int size = -1;

    Block(String name, long start, boolean union, String where) {
      this.name = name;
      this.start = start;
      this.union = union;
      this.where = where;
    }
  }

  /**
   * @param wordSize the capture's: pointer members must have this size, else the file is of
   *     another target
   */
  static Map<String, StructLayout> parse(String text, String source, int wordSize) {
    Map<String, StructLayout> structs = new LinkedHashMap<>();
    Deque<Block> open = new ArrayDeque<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String where = source + ":" + (i + 1);
      Matcher start = START.matcher(line);
      if (open.isEmpty()) {
        if (start.find()) {
          open.push(new Block(start.group(1), 0, line.contains("type = union"), where));
        }
        continue;
      }
      Matcher total = TOTAL.matcher(line);
      if (total.find()) {
        open.peek().size = Integer.parseInt(total.group(1));
        continue;
      }
      Matcher close = CLOSE.matcher(line);
      if (close.matches()) {
        Block b = open.pop();
        if (open.isEmpty()) {
          StructLayout s = finish(b, b.name, wordSize);
          structs.put(b.name, s);
          if (b.name.startsWith("_")) {
            structs.putIfAbsent(b.name.substring(1), s);
          }
        } else {
          Block outer = open.peek();
          String type = outer.name + "." + close.group(1);
          StructLayout s = finish(b, type, wordSize);
          structs.put(type, s);
          int count = arrayCount(close.group(2));
          outer.members.add(new StructLayout.Member(close.group(1), (b.start - outer.start) * 8, -1, type,
              count < 0 ? 1 : count, s.size(), count >= 0));
        }
        continue;
      }
      Matcher m = MEMBER.matcher(line);
      if (!m.matches()) {
        continue; // holes, blank lines
      }
      Block in = open.peek();
      long offset = m.group(1) != null ? Long.parseLong(m.group(1)) : in.start;
      int bit = m.group(2) != null ? Integer.parseInt(m.group(2)) : 0;
      int size = Integer.parseInt(m.group(3));
      String decl = m.group(4).trim();
      if (decl.endsWith("{")) {
        // a struct or union gdb expands inline: its members follow, with offsets from the outermost struct
        open.push(new Block("", offset, decl.startsWith("union"), where));
        continue;
      }
      Matcher n = NAME.matcher(decl);
      if (!n.find()) {
        throw new CaptureException(where + ": cannot read the struct member '" + decl + "' of " + in.name);
      }
      boolean functionPointer = n.group(1) != null;
      String name = functionPointer ? n.group(1) : n.group(2);
      String typeText = decl.substring(0, n.start()).replaceAll("\\b(const|volatile|struct|union|enum|unsigned|signed)\\b", " ").trim();
      boolean pointer = functionPointer || typeText.contains("*");
      int count = functionPointer ? -1 : arrayCount(n.group(3));
      int bits = functionPointer || n.group(4) == null ? -1 : Integer.parseInt(n.group(4));
      String type = pointer ? "pointer" : typeText.isEmpty() ? "int" : typeText.split("\\s+")[typeText.split("\\s+").length - 1];
      int elementSize = count > 0 ? size / count : count == 0 ? elementSize(type, structs, wordSize) : size;
      if (pointer && count != 0 && elementSize != wordSize && bits < 0) {
        throw new CaptureException(String.format(
            "%s: %s.%s is a %d-byte pointer, but the capture has %d-byte words: these struct layouts are of another target",
            where, in.name, name, elementSize, wordSize));
      }
      long relative = (offset - in.start) * 8 + (bits >= 0 ? bit : 0);
      in.members.add(new StructLayout.Member(name, relative, bits, type, count < 0 ? 1 : count, elementSize, count >= 0));
    }
    if (!open.isEmpty()) {
      throw new CaptureException(open.getLast().where + ": struct " + open.getLast().name + " is not closed (the file is cut short?)");
    }
    if (structs.isEmpty()) {
      throw new CaptureException(source + ": no struct layouts in it (expected gdb 'ptype/o struct ...' output, 'type = struct NAME {' blocks)");
    }
    return structs;
  }

  private static int elementSize(String type, Map<String, StructLayout> structs, int wordSize) {
    if (StructDeclaration.primitive(type)) {
      return StructDeclaration.primitiveSize(type, wordSize);
    }
    StructLayout s = structs.get(type);
    return s == null ? 0 : s.size();
  }

  /** -1 for no brackets, 0 for {@code []}, else the product of the dimensions. */
  private static int arrayCount(String brackets) {
    if (brackets == null || brackets.isBlank()) {
      return -1;
    }
    String dims = brackets.replace(" ", "");
    if (dims.equals("[]")) {
      return 0;
    }
    int count = 1;
    for (String dim : dims.substring(1, dims.length() - 1).split("\\]\\[")) {
      count *= dim.isEmpty() ? 0 : Integer.parseInt(dim);
    }
    return count;
  }

  private static StructLayout finish(Block b, String name, int wordSize) {
    int align = 1;
    long end = 0;
    for (StructLayout.Member m : b.members) {
      int a = Integer.highestOneBit(Math.max(1, Math.min(m.elementSize(), 8)));
      align = Math.max(align, Math.min(a, Math.max(wordSize, 4)));
      end = Math.max(end, (m.bitOffset() + (m.bitWidth() >= 0 ? m.bitWidth() : 8L * m.elementSize() * m.count()) + 7) / 8);
    }
    int size = b.size >= 0 ? b.size : (int) end;
    return StructLayout.of(name, size, align, b.members);
  }
}
