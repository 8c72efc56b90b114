package io.heapreel.model.capture;

import io.heapreel.model.error.CaptureException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads symbols from a GNU ld map file (the {@code -Map=} output).
 *
 * <p>Only the "Linker script and memory map" part is read; the "Discarded input sections" before it
 * would otherwise contribute address-0 duplicates. Symbols come from three kinds of lines: symbol
 * lines under an input section ({@code 0xADDR name}), linker-assigned symbols ({@code 0xADDR name =
 * expr}), and input sections named {@code .bss.NAME}-style, which stand for static objects the map
 * does not list by name (the static {@code heap} array of MicroPython ports is one). A symbol's
 * size is the distance to the next symbol in its input section, or to the section's end.
 */
public final class MapFileParser {
  private static final String MEMORY_MAP_START = "Linker script and memory map";
  private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
  private static final Pattern SECTION_ONE_LINE =
      Pattern.compile("^ (\\S+)\\s+(0x[0-9a-fA-F]+)\\s+(0x[0-9a-fA-F]+)(?:\\s+(.*))?$");
  private static final Pattern SECTION_NAME_ONLY = Pattern.compile("^ (\\.\\S+)\\s*$");
  private static final Pattern SECTION_CONTINUATION =
      Pattern.compile("^\\s+(0x[0-9a-fA-F]+)\\s+(0x[0-9a-fA-F]+)(?:\\s+(.*))?$");
  private static final Pattern OUTPUT_SECTION =
      Pattern.compile("^(\\S+)\\s+(0x[0-9a-fA-F]+)\\s+(0x[0-9a-fA-F]+)(?:\\s.*)?$");
  private static final Pattern OUTPUT_LINE = Pattern.compile("^OUTPUT\\(.*\\s(\\S+)\\)\\s*$");
  private static final Pattern SYMBOL = Pattern.compile("^\\s+(0x[0-9a-fA-F]+)\\s+([A-Za-z_$][\\w.$@]*)\\s*$");
  private static final Pattern ASSIGNMENT =
      Pattern.compile("^\\s+(0x[0-9a-fA-F]+)\\s+(?:PROVIDE \\()?([A-Za-z_$][\\w.$]*)\\s*=.*$");
  private static final Pattern COMMON_SYMBOL = Pattern.compile("^(\\S+)\\s+(0x[0-9a-fA-F]+)\\s+\\S.*$");
  private static final Set<String> DATA_KINDS =
      Set.of(".text", ".rodata", ".data", ".bss", ".sdata", ".sbss", ".tbss", ".tdata");

  private final String source;
  private final List<Symbol> symbols = new ArrayList<>();
  /** Each function's object file, without folders (from its {@code .text} input section's line). */
  private final Map<String, String> functionFiles = new HashMap<>();
  private final List<FirmwareCode.Section> codeSections = new ArrayList<>();
  private final Map<String, Long> commonSizes = new HashMap<>();
  private InputSection current;
  private String pendingSectionName;

  private MapFileParser(String source) {
    this.source = source;
  }

  public static SymbolTable parse(Path mapFile) {
    return parseAll(mapFile).symbols();
  }

  /** The symbols, and which object file each piece of code was linked from. */
  public record Parsed(SymbolTable symbols, FirmwareCode code) {}

  public static Parsed parseAll(Path mapFile) {
    try (BufferedReader in = Files.newBufferedReader(mapFile, StandardCharsets.ISO_8859_1)) {
      MapFileParser parser = new MapFileParser(mapFile.toString());
      return new Parsed(parser.read(in), new FirmwareCode(parser.functionFiles, parser.codeSections));
    } catch (IOException e) {
      throw new CaptureException(mapFile + ": cannot read the map file (" + e.getMessage() + ")", e);
    }
  }

  /**
   * The output format of the map's {@code OUTPUT(build/firmware.elf elf64-littleriscv)} line
   * ({@code elf64-littleriscv}), or null when the map has none.
   */
  public static String outputFormat(Path mapFile) {
    try (BufferedReader in = Files.newBufferedReader(mapFile, StandardCharsets.ISO_8859_1)) {
      String line;
      while ((line = in.readLine()) != null) {
        // the regular expression only for the line it can match: a whole map's lines through it cost 10-20 ms
        Matcher m = line.startsWith("OUTPUT(") ? OUTPUT_LINE.matcher(line) : null;
        if (m != null && m.matches()) {
          return m.group(1);
        }
      }
      return null;
    } catch (IOException e) {
      throw new CaptureException(mapFile + ": cannot read the map file (" + e.getMessage() + ")", e);
    }
  }

  public static SymbolTable parse(String source, BufferedReader in) {
    try {
      return new MapFileParser(source).read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private SymbolTable read(BufferedReader in) throws IOException {
    boolean inMemoryMap = false;
    boolean inCommon = false;
    String line;
    while ((line = in.readLine()) != null) {
      if (!inMemoryMap) {
        if (line.startsWith("Allocating common symbols")) {
          inCommon = true;
        } else if (line.startsWith("Discarded input sections") || line.startsWith("Memory Configuration")) {
          inCommon = false;
        } else if (line.startsWith(MEMORY_MAP_START)) {
          inMemoryMap = true;
        } else if (inCommon) {
          readCommonSymbol(line);
        }
        continue;
      }
      readMemoryMapLine(line);
    }
    closeSection();
    if (!inMemoryMap) {
      throw new CaptureException(
          source + ": not a GNU ld map file (no '" + MEMORY_MAP_START + "' line)");
    }
    if (symbols.isEmpty()) {
      throw new CaptureException(source + ": the map file lists no symbols");
    }
    return new SymbolTable(source, symbols);
  }

  private void readCommonSymbol(String line) {
    Matcher m = COMMON_SYMBOL.matcher(line);
    if (m.matches()) {
      commonSizes.put(m.group(1), Long.decode(m.group(2)));
    }
  }

  private void readMemoryMapLine(String line) {
    if (pendingSectionName != null) {
      Matcher m = SECTION_CONTINUATION.matcher(line);
      String name = pendingSectionName;
      pendingSectionName = null;
      if (m.matches()) {
        openSection(name, m.group(1), m.group(2), m.group(3));
        return;
      }
    }
    if (line.isBlank() || line.startsWith(" *") || line.startsWith("LOAD ") || line.startsWith("OUTPUT(")) {
      return;
    }
    Matcher m;
    if ((m = SECTION_ONE_LINE.matcher(line)).matches()) {
      openSection(m.group(1), m.group(2), m.group(3), m.group(4));
    } else if ((m = SECTION_NAME_ONLY.matcher(line)).matches()) {
      closeSection();
      pendingSectionName = m.group(1);
    } else if ((m = SYMBOL.matcher(line)).matches()) {
      if (current != null) {
        current.symbols.add(new long[] {Long.decode(m.group(1))});
        current.names.add(m.group(2));
      } else {
        symbols.add(new Symbol(m.group(2), Long.decode(m.group(1)), 0, ""));
      }
    } else if ((m = ASSIGNMENT.matcher(line)).matches()) {
      if (!m.group(2).equals(".")) {
        symbols.add(new Symbol(m.group(2), Long.decode(m.group(1)), 0, ""));
      }
    } else if ((m = OUTPUT_SECTION.matcher(line)).matches() && HEX.matcher(m.group(2)).matches()) {
      closeSection();
    }
  }

  private void openSection(String name, String address, String size, String objectFile) {
    closeSection();
    current = new InputSection(name, Long.decode(address), Long.decode(size), objectFile);
  }

  /** Sizes the symbols of the section just read and adds its name-derived symbol, if any. */
  private void closeSection() {
    if (current == null) {
      return;
    }
    InputSection s = current;
    current = null;
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < s.names.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingLong(i -> s.symbols.get(i)[0]));
    Set<String> named = new HashSet<>();
    for (int k = 0; k < order.size(); k++) {
      int i = order.get(k);
      long address = s.symbols.get(i)[0];
      long next = k + 1 < order.size() ? s.symbols.get(order.get(k + 1))[0] : s.address + s.size;
      String name = s.names.get(i);
      long size = Math.max(0, next - address);
      if (size == 0 && commonSizes.containsKey(name)) {
        size = commonSizes.get(name);
      }
      symbols.add(new Symbol(name, address, size, s.name));
      named.add(name);
      if (s.objectFile != null && isCode(s.name)) {
        functionFiles.putIfAbsent(name, s.objectFile);
      }
    }
    String derived = nameFromSection(s.name);
    if (s.objectFile != null && isCode(s.name)) {
      if (derived != null) {
        functionFiles.putIfAbsent(derived, s.objectFile); // a static function's section names it; the map lists only globals
      }
      if (s.size > 0) {
        codeSections.add(new FirmwareCode.Section(s.address, s.address + s.size, s.objectFile));
      }
    }
    if (derived != null && !named.contains(derived) && s.size > 0) {
      symbols.add(new Symbol(derived, s.address, s.size, s.name));
    }
  }

  private static boolean isCode(String section) {
    return section.equals(".text") || section.startsWith(".text.");
  }

  /** {@code .bss.heap} names {@code heap}; string literal pools and numbered sections name nothing. */
  static String nameFromSection(String section) {
    int second = section.indexOf('.', 1);
    if (second < 0 || !DATA_KINDS.contains(section.substring(0, second))) {
      return null;
    }
    String name = section.substring(second + 1);
    if (name.isEmpty() || name.startsWith("str") && name.contains(".") || !Character.isJavaIdentifierStart(name.charAt(0))) {
      return null;
    }
    int lto = name.indexOf(".lto_priv");
    return lto > 0 ? name.substring(0, lto) : name;
  }

  private static final class InputSection {
    final String name;
    final long address;
    final long size;
    final List<long[]> symbols = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    /** The object file's name without folders ({@code gc.o}; {@code libc.a(lib_a-memcpy.o)} as is), or null. */
    final String objectFile;

    InputSection(String name, long address, long size, String objectPath) {
      this.name = name;
      this.address = address;
      this.size = size;
      this.objectFile = objectPath == null || objectPath.isBlank() ? null : fileName(objectPath.strip());
    }

    private static String fileName(String path) {
      int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
      return path.indexOf('(') < 0 && slash >= 0 ? path.substring(slash + 1) : path;
    }
  }
}
