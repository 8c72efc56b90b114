package io.heapreel.model.capture;

import io.heapreel.model.error.CaptureException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/** Symbols of one firmware build, looked up by name or by address. Immutable. */
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
}
