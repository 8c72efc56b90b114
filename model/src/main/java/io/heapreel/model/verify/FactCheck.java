package io.heapreel.model.verify;

import io.heapreel.model.capture.RamSpan;
import io.heapreel.model.capture.Symbol;
import io.heapreel.model.capture.SymbolTable;
import io.heapreel.model.gclog.Preamble;
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

  /** One line per fact that disagrees; empty when all agree (or there are none). */
  public List<String> disagreements(Preamble preamble) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Long> fact : preamble.facts().entrySet()) {
      String name = fact.getKey();
      long value = fact.getValue();
      Optional<Long> ours = ours(name);
      if (ours.isPresent() && ours.get() != value) {
        out.add(String.format("the log says %s = 0x%x, heapreel uses 0x%x", name, value, ours.get()));
      }
    }
    return out;
  }

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
