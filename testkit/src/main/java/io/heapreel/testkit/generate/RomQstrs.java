package io.heapreel.testkit.generate;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The firmware's built-in qstrs ({@code mp_qstr_const_pool}): qstr 0 is the null qstr, 1 the empty
 * string, then the names the core needs. Strings are NUL-terminated in flash.
 */
final class RomQstrs {
  private static final List<String> NAMES =
      List.of(
          "", "", "__dir__", "\n", " ", "*", "/", "<module>", "_", "__call__", "__class__",
          "__del__", "__delitem__", "__enter__", "__exit__", "__getattr__", "__getitem__",
          "__hash__", "__init__", "__int__", "__iter__", "__len__", "__main__", "__module__",
          "__name__", "__new__", "__next__", "__qualname__", "__repr__", "__setitem__", "__str__",
          "append", "bytearray", "close", "closure", "dict", "float", "format", "function", "gc",
          "get", "items", "keys", "label", "list", "module", "name", "object", "pop", "read",
          "str", "tuple", "type", "value", "values", "write", "collect", "mem_free", "NoneType",
          "bool", "int", "property", "bytes", "bound_method", "cell");

  int count() {
    return NAMES.size();
  }

  String text(int qstr) {
    return NAMES.get(qstr);
  }

  /** The qstr of {@code name}, or 0 (the null qstr) when it is not built in. */
  int find(String name) {
    int q = NAMES.indexOf(name);
    return q < 2 && !name.isEmpty() ? 0 : q;
  }

  /** Bytes of all strings with their NUL terminators, in qstr order. */
  int stringBytes() {
    int n = 0;
    for (String s : NAMES) {
      n += s.getBytes(StandardCharsets.UTF_8).length + 1;
    }
    return n;
  }

  /** py/qstr.c's djb2 hash, masked to the 2 hash bytes of this build; never 0. */
  static int hash(byte[] data) {
    long h = 5381;
    for (byte b : data) {
      h = ((h << 5) + h) ^ (b & 0xff);
    }
    int masked = (int) (h & 0xffff);
    return masked == 0 ? 1 : masked;
  }
}
