package io.heapreel.model.types;

import java.util.Locale;

/** Where an allocation's type or role came from (the {@code type_source} column). */
public enum TypeSource {
  /** Its own first word is a type: an object. */
  MEMORY,
  /** A field of the object (or raw block, or VM state root) that owns it, in this or another snapshot. */
  OWNER,
  /** The function that allocated it, by the firmware's site table: the memory could not tell. */
  SITE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The source of a type name read from memory: an object's type or a told raw role; null for {@code raw:unknown} or none. */
  public static TypeSource ofTypeName(String typeName) {
    if (typeName == null) {
      return null;
    }
    Role role = Roles.roleOf(typeName);
    return role == Role.OBJECT ? MEMORY : role == null || role == Role.UNKNOWN ? null : OWNER;
  }

  @Override
  public String toString() {
    return label();
  }
}
