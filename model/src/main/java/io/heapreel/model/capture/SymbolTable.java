package io.heapreel.model.capture;

import io.heapreel.model.error.CaptureException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Symbols of one firmware build, looked up by name or by address. Immutable. Serialized in a compact
 * form ({@link Form}): a pipeline ships the table inside every DoFn that needs the capture's facts,
 * and the runners serialize a DoFn many times (a real firmware's table, as two maps of records,
 * took 250 KB and 30-80 ms of CPU to write each time; docs/speed.md, "Start-up").
 */
public final class SymbolTable implements Serializable {
  private static final long serialVersionUID = 1L;
  private final String source;
  private final Map<String, Symbol> byName;
  private final NavigableMap<Long, Symbol> byAddress;

  /** The first symbol of a name wins (static functions of the same name in different files). */
  public SymbolTable(String source, Collection<Symbol> symbols) {
    this.source = source;
    Map<String, Symbol> names = new LinkedHashMap<>();
    NavigableMap<Long, Symbol> addresses = new TreeMap<>();
    for (Symbol s : symbols) {
      names.putIfAbsent(s.name(), s);
      Symbol there = addresses.get(s.address());
      if (there == null || (there.size() == 0 && s.size() > 0)) {
        addresses.put(s.address(), s);
      }
    }
    this.byName = Collections.unmodifiableMap(names);
    this.byAddress = Collections.unmodifiableNavigableMap(addresses);
  }

  private SymbolTable(String source, Map<String, Symbol> byName, NavigableMap<Long, Symbol> byAddress) {
    this.source = source;
    this.byName = Collections.unmodifiableMap(byName);
    this.byAddress = Collections.unmodifiableNavigableMap(byAddress);
  }

  public static SymbolTable empty() {
    return new SymbolTable("no symbols", List.of());
  }

  /** Where the symbols came from (a file name), for messages. */
  public String source() {
    return source;
  }

  public Optional<Symbol> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The symbol or a {@link CaptureException} naming the file and the symbol. */
  public Symbol require(String name, String whatFor) {
    return find(name)
        .orElseThrow(
            () ->
                new CaptureException(
                    source + ": no symbol '" + name + "' (needed for " + whatFor + ")"));
  }

  public List<Symbol> withPrefix(String prefix) {
    List<Symbol> found = new ArrayList<>();
    for (Symbol s : byName.values()) {
      if (s.name().startsWith(prefix)) {
        found.add(s);
      }
    }
    return found;
  }

  /** The symbol whose extent covers the address, if any. */
  public Optional<Symbol> containing(long address) {
    Map.Entry<Long, Symbol> e = byAddress.floorEntry(address);
    if (e == null || !e.getValue().contains(address)) {
      return Optional.empty();
    }
    return Optional.of(e.getValue());
  }

  /** {@code name+offset} for an address inside a symbol, else empty. */
  public Optional<String> describe(long address) {
    return containing(address)
        .map(s -> address == s.address() ? s.name() : s.name() + "+" + (address - s.address()));
  }

  public Collection<Symbol> all() {
    return byName.values();
  }

  public int size() {
    return byName.size();
  }

  private Object writeReplace() {
    return Form.of(this);
  }

  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("a SymbolTable is serialized as its Form");
  }

  /**
   * The serialized form: the symbols as columns, each once, in name order (the first of each name)
   * followed by those only the address index holds; the address index as positions in them.
   */
  private record Form(String source, String[] names, long[] addresses, long[] sizes, String[] sections, int byName, int[] byAddress)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    static Form of(SymbolTable table) {
      Map<Symbol, Integer> position = new IdentityHashMap<>();
      List<Symbol> symbols = new ArrayList<>(table.byName.values());
      symbols.forEach(s -> position.put(s, position.size()));
      for (Symbol s : table.byAddress.values()) {
        if (!position.containsKey(s)) {
          position.put(s, symbols.size());
          symbols.add(s);
        }
      }
      int n = symbols.size();
      String[] names = new String[n];
      long[] addresses = new long[n];
      long[] sizes = new long[n];
      String[] sections = new String[n];
      for (int i = 0; i < n; i++) {
        Symbol s = symbols.get(i);
        names[i] = s.name();
        addresses[i] = s.address();
        sizes[i] = s.size();
        sections[i] = s.section();
      }
      int[] byAddress = table.byAddress.values().stream().mapToInt(position::get).toArray();
      return new Form(table.source, names, addresses, sizes, sections, table.byName.size(), byAddress);
    }

    private Object readResolve() {
      Symbol[] symbols = new Symbol[names.length];
      for (int i = 0; i < symbols.length; i++) {
        symbols[i] = new Symbol(names[i], addresses[i], sizes[i], sections[i]);
      }
      Map<String, Symbol> named = new LinkedHashMap<>();
      for (int i = 0; i < byName; i++) {
        named.put(symbols[i].name(), symbols[i]);
      }
      NavigableMap<Long, Symbol> addressed = new TreeMap<>();
      for (int i : byAddress) {
        addressed.put(symbols[i].address(), symbols[i]);
      }
      return new SymbolTable(source, named, addressed);
    }
  }
}
