package io.heapreel.model.heap;

import io.heapreel.model.capture.Memory;
import io.heapreel.model.capture.Symbol;
import io.heapreel.model.capture.SymbolTable;
import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The firmware's built-in type objects, by address: every {@code mp_type_*} symbol, and, where the
 * flash image is at hand, every other symbol in it whose first word is {@code &mp_type_type}: the
 * static types of extmod and the ports ({@code match_type}, {@code re_type}, {@code machine_pin_type}, ...),
 * named by the symbol without its {@code _type} suffix. Looked up once for every allocation a typing
 * reads (a few thousand a snapshot), so the addresses are a sorted array searched without boxing.
 */
public final class BuiltinTypes implements Serializable {
  private static final long serialVersionUID = 2L;
  public static final String PREFIX = "mp_type_";
  private static final String SUFFIX = "_type";
  /** Ascending; {@code names[i]} is the type at {@code addresses[i]}. */
  private final long[] addresses;
  private final String[] names;

  private BuiltinTypes(Map<Long, String> byAddress) {
    TreeMap<Long, String> sorted = new TreeMap<>(byAddress);
    this.addresses = sorted.keySet().stream().mapToLong(Long::longValue).toArray();
    this.names = sorted.values().toArray(String[]::new);
  }

  public static BuiltinTypes from(SymbolTable symbols) {
    return new BuiltinTypes(prefixed(symbols));
  }

  /**
   * With the type objects the flash image shows: a type object's first word (its {@code base.type})
   * is {@code &mp_type_type}, whatever its symbol is called.
   *
   * @param rom the flash image, or null when the capture has none (then as {@link #from(SymbolTable)})
   */
  public static BuiltinTypes from(SymbolTable symbols, Memory rom, int wordSize) {
    Map<Long, String> types = prefixed(symbols);
    long typeType = symbols.find(PREFIX + "type").map(Symbol::address).orElse(0L);
    if (rom != null && typeType != 0) {
      for (Symbol s : symbols.all()) {
        if (!types.containsKey(s.address()) && (s.size() == 0 || s.size() >= 2L * wordSize)
            && rom.contains(s.address(), wordSize) && rom.word(s.address(), wordSize) == typeType) {
          types.put(s.address(), staticName(s.name()));
        }
      }
    }
    return new BuiltinTypes(types);
  }

  private static Map<Long, String> prefixed(SymbolTable symbols) {
    Map<Long, String> types = new HashMap<>();
    for (Symbol s : symbols.withPrefix(PREFIX)) {
      types.putIfAbsent(s.address(), s.name().substring(PREFIX.length()));
    }
    return types;
  }

  /** {@code match_type} -> {@code match}; a name without the suffix stays as it is. */
  static String staticName(String symbol) {
    return symbol.endsWith(SUFFIX) && symbol.length() > SUFFIX.length() ? symbol.substring(0, symbol.length() - SUFFIX.length()) : symbol;
  }

  /** The type's name without the prefix ({@code dict}, {@code str}), or null. */
  public String nameAt(long address) {
    int at = indexAt(address);
    return at >= 0 ? names[at] : null;
  }

  /**
   * The index ({@link #name(int)}) of the type at the address, or -1. Most words asked about are no
   * type (a raw block's first word, a pointer into RAM): those outside the types' address range are
   * answered without a search.
   */
  public int indexAt(long address) {
    int n = addresses.length;
    if (n == 0 || address < addresses[0] || address > addresses[n - 1]) {
      return -1;
    }
    int at = Arrays.binarySearch(addresses, address);
    return at >= 0 ? at : -1;
  }

  /** The name of the type at index {@code index} (0 to {@link #size()} - 1). */
  public String name(int index) {
    return names[index];
  }

  /** The address of {@code mp_type_NAME} (the lowest, should two symbols name it), or 0 when the firmware has no such type. */
  public long addressOf(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return addresses[i];
      }
    }
    return 0;
  }

  public int size() {
    return addresses.length;
  }
}
