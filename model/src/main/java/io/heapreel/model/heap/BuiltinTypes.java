package io.heapreel.model.heap;

import io.heapreel.model.capture.Symbol;
import io.heapreel.model.capture.SymbolTable;
import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The firmware's built-in type objects: every {@code mp_type_*} symbol, by address. Looked up once
 * for every allocation a typing reads (a few thousand a snapshot), so the addresses are a sorted
 * array searched without boxing.
 */
public final class BuiltinTypes implements Serializable {
  private static final long serialVersionUID = 2L;
  public static final String PREFIX = "mp_type_";
  /** Ascending; {@code names[i]} is the type at {@code addresses[i]}. */
  private final long[] addresses;
  private final String[] names;

  private BuiltinTypes(Map<Long, String> byAddress) {
    TreeMap<Long, String> sorted = new TreeMap<>(byAddress);
    this.addresses = sorted.keySet().stream().mapToLong(Long::longValue).toArray();
    this.names = sorted.values().toArray(String[]::new);
  }

  public static BuiltinTypes from(SymbolTable symbols) {
    Map<Long, String> types = new HashMap<>();
    for (Symbol s : symbols.withPrefix(PREFIX)) {
      types.putIfAbsent(s.address(), s.name().substring(PREFIX.length()));
    }
    return new BuiltinTypes(types);
  }

  /** The type's name without the prefix ({@code dict}, {@code str}), or null. */
  public String nameAt(long address) {
    int at = Arrays.binarySearch(addresses, address);
    return at >= 0 ? names[at] : null;
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
