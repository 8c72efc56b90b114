package io.heapreel.model.heap;

import io.heapreel.model.capture.Symbol;
import io.heapreel.model.capture.SymbolTable;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/** The firmware's built-in type objects: every {@code mp_type_*} symbol, by address. */
public final class BuiltinTypes implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String PREFIX = "mp_type_";
  private final Map<Long, String> byAddress;

  private BuiltinTypes(Map<Long, String> byAddress) {
    this.byAddress = Map.copyOf(byAddress);
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
    return byAddress.get(address);
  }

  /** The address of {@code mp_type_NAME}, or 0 when the firmware has no such type. */
  public long addressOf(String name) {
    for (Map.Entry<Long, String> e : byAddress.entrySet()) {
      if (e.getValue().equals(name)) {
        return e.getKey();
      }
    }
    return 0;
  }

  public int size() {
    return byAddress.size();
  }
}
