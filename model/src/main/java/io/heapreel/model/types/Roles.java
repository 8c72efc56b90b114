package io.heapreel.model.types;

/**
 * The one type vocabulary of every table, export and legend. An object's type is a built-in name
 * without {@code mp_type_} ({@code dict}), {@code type} for a class object, or the class name of an
 * instance of a heap class ({@code Sensor}); a block that is no object is {@code raw:ROLE}
 * ({@code raw:map_table}, {@code raw:unknown}, see {@link Role}). Colons never occur in Python
 * names, so the two kinds cannot be confused.
 */
public final class Roles {
  /** The type of a block that is no object, in {@link ObjectTypes} and {@code inspect --json}. */
  public static final String RAW = "raw";
  public static final String TYPE = "type";
  /** The prefix of a raw block's type name. */
  public static final String RAW_PREFIX = RAW + ":";

  private Roles() {}

  /** The type name of an allocation: {@code type} for an object, {@code raw:ROLE} for a block that is none. */
  public static String typeName(String type, Role role) {
    return role == Role.OBJECT ? type : RAW_PREFIX + role.label();
  }

  /** The role of a type name: {@code raw:ROLE}'s role, or {@link Role#OBJECT}; null for a raw role heapreel does not know. */
  public static Role roleOf(String typeName) {
    if (typeName == null || !typeName.startsWith(RAW_PREFIX)) {
      return Role.OBJECT;
    }
    return Role.of(typeName.substring(RAW_PREFIX.length())).orElse(null);
  }
}
