package io.heapreel.model.verify;

import io.heapreel.model.capture.RamSpan;
import io.heapreel.model.capture.Symbol;
import io.heapreel.model.capture.SymbolTable;
import io.heapreel.model.error.CaptureException;
import io.heapreel.model.gclog.GcLogParser;
import io.heapreel.model.gclog.Preamble;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The capture facts gdb printed in the log's preamble against the symbols and RAM span heapreel
 * uses: a map or ELF of another build, or a RAM span that is not the one dumped, shows up here.
 * Checked: {@code ram_start}, {@code ram_end}, and {@code &NAME} for a plain symbol name.
 * Facts about struct members and sizes are not judged.
 */
public final class FactCheck {
  private final SymbolTable symbols;
  private final RamSpan ram;

  public FactCheck(SymbolTable symbols, RamSpan ram) {
    this.symbols = symbols;
    this.ram = ram;
  }

  /** A fact of the log and the value heapreel uses instead. */
  private record Contradicted(String name, long logged, long ours) {}

  /** One line per fact that disagrees; empty when all agree (or there are none). */
  public List<String> disagreements(Preamble preamble) {
    return contradicted(preamble).stream()
        .map(c -> String.format("the log says %s = 0x%x, heapreel uses 0x%x", c.name(), c.logged(), c.ours()))
        .toList();
  }

  /**
   * The same for the commands that pair a log with dumps without verifying them: one warning per
   * fact that disagrees, naming the log's line. The log's own damage (no preamble, no hit) is not
   * reported here: reading its records reports it.
   */
  public List<String> warnings(Path log) {
    Preamble preamble;
    try {
      preamble = GcLogParser.preamble(log);
    } catch (CaptureException unreadable) {
      return List.of();
    }
    if (preamble == null) {
      return List.of();
    }
    return contradicted(preamble).stream()
        .map(c -> String.format("%s:%d: the log says %s = 0x%x, but heapreel uses 0x%x (%s): the log is of a capture of"
                + " other firmware, and its events are paired with these dumps by their order alone",
            log, lineOf(log, c.name()), c.name(), c.logged(), c.ours(), whose(c.name())))
        .toList();
  }

  private List<Contradicted> contradicted(Preamble preamble) {
    List<Contradicted> out = new ArrayList<>();
    for (Map.Entry<String, Long> fact : preamble.facts().entrySet()) {
      Optional<Long> ours = ours(fact.getKey());
      if (ours.isPresent() && ours.get() != fact.getValue().longValue()) {
        out.add(new Contradicted(fact.getKey(), fact.getValue(), ours.get()));
      }
    }
    return out;
  }

  private static String whose(String fact) {
    return fact.startsWith("&") ? "the symbols' address" : "the RAM span the dumps are cut by";
  }

  /** The line of the fact in the log's preamble (1-based), or 0 when it is not found in its first lines. */
  private static long lineOf(Path log, String fact) {
    String wanted = GcLogParser.FACT_PREFIX + fact;
    try (BufferedReader r = Files.newBufferedReader(log, StandardCharsets.ISO_8859_1)) {
      String line;
      for (long n = 1; n <= PREAMBLE_LINES && (line = r.readLine()) != null; n++) {
        if (line.startsWith(wanted) && line.substring(wanted.length()).stripLeading().startsWith("=")) {
          return n;
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return 0;
  }

  /** How far {@link #lineOf} looks: a preamble is a few dozen lines. */
  private static final int PREAMBLE_LINES = 10_000;

  private Optional<Long> ours(String fact) {
    if (fact.equals("ram_start")) {
      return Optional.of(ram.start());
    }
    if (fact.equals("ram_end")) {
      return Optional.of(ram.end());
    }
    if (fact.startsWith("&") && fact.substring(1).matches("[A-Za-z_][A-Za-z0-9_]*")) {
      return symbols.find(fact.substring(1)).map(Symbol::address);
    }
    return Optional.empty();
  }
}
