package io.heapreel.testkit.generate;

/**
 * What the workload put in an allocation, recorded when it asked for it: the oracle's truth.
 *
 * @param type a built-in type name without {@code mp_type_}, {@code type} for a class, the class
 *     name for an instance, or {@code raw} for a block that is no object
 * @param role {@code object}, or what a raw block holds ({@code map_table}, {@code str_data}, ...)
 * @param name the class or function name where there is one, else null
 * @param map the map whose keys the object holds (dicts and instances), else null
 */
record AllocTag(String type, String role, String name, MapModel map) {
  static AllocTag object(String type) {
    return new AllocTag(type, "object", null, null);
  }

  static AllocTag named(String type, String name) {
    return new AllocTag(type, "object", name, null);
  }

  static AllocTag raw(String role) {
    return new AllocTag("raw", role, null, null);
  }
}
