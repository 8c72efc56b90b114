package io.heapreel.model.render;

import io.heapreel.model.types.Role;
import java.io.Serializable;
import java.util.Objects;

/**
 * What an allocation is, as far as the frame's colour goes: a built-in type (named as its
 * {@code mp_type_*} symbol without the prefix), an instance of a user class, a raw block with a role
 * (list items, map table, string data, bytecode ...), or unknown. Decided by whoever decodes the
 * objects; the painter only looks the class up in the {@link Palette}.
 */
public record ColourClass(Kind kind, String name) implements Serializable {
  public enum Kind {
    BUILTIN,
    USER_CLASS,
    RAW,
    UNKNOWN
  }

  public static final ColourClass UNKNOWN = new ColourClass(Kind.UNKNOWN, "");

  public ColourClass {
    Objects.requireNonNull(kind, "kind");
    name = name == null ? "" : name;
  }

  public static ColourClass builtin(String type) {
    return type == null || type.isEmpty() ? UNKNOWN : new ColourClass(Kind.BUILTIN, type);
  }

  public static ColourClass userClass(String className) {
    return new ColourClass(Kind.USER_CLASS, className);
  }

  /** A block that is no object, by its role; {@link Role#UNKNOWN} is {@link #UNKNOWN}. */
  public static ColourClass raw(Role role) {
    return role == Role.UNKNOWN ? UNKNOWN : new ColourClass(Kind.RAW, role.label());
  }
}
