package io.heapreel.model.objects;

import io.heapreel.model.types.Role;
import java.util.Map;

/**
 * Byte offsets of struct fields named by path: {@code mp_state_ctx_t.vm.dict_main.map.table} is
 * the offset of {@code vm} in {@code mp_state_ctx_t}, plus that of {@code dict_main} in its
 * struct, and so on. A plain number is an offset as is.
 */
final class StructPaths {
  private final Map<String, StructLayout> structs;

  StructPaths(Map<String, StructLayout> structs) {
    this.structs = structs;
  }

  /** The byte offset of a path or number. */
  int offset(String path) {
    return (int) (member(path).bitOffset() / 8);
  }

  /** {@link #rule(String, String)}, holding only when {@code when} ({@code PATH=V,...}, a one-byte member; null: always) does. */
  FieldRule rule(String spec, String roleText, String when) {
    FieldRule rule = rule(spec, roleText);
    if (when == null) {
      return rule;
    }
    int equals = when.indexOf('=');
    if (equals <= 0) {
      throw new IllegalArgumentException("expected 'when PATH=VALUE,...', got 'when " + when + "'");
    }
    String path = when.substring(0, equals);
    Found byteMember = member(path);
    boolean oneByte = byteMember.member() != null && byteMember.bitOffset() % 8 == 0
        && (byteMember.member().bitWidth() == 8 || byteMember.member().bitWidth() < 0 && !byteMember.member().array() && byteMember.member().elementSize() == 1);
    if (!oneByte) {
      throw new IllegalArgumentException("'when " + when + "': " + path + " is not a one-byte member");
    }
    long values = 0;
    for (String v : when.substring(equals + 1).split(",")) {
      values |= 1L << byteValue(v, when);
    }
    return rule.when((int) (byteMember.bitOffset() / 8), values);
  }

  /**
   * A rule spec: {@code PATH}, {@code PATH[*]} (the whole array), {@code PATH*K}, {@code
   * PATH[COUNT_PATH]}, {@code N..}; a number may stand for any PATH.
   */
  FieldRule rule(String spec, String roleText) {
    boolean unlessObject = roleText.endsWith("?");
    String label = unlessObject ? roleText.substring(0, roleText.length() - 1) : roleText;
    Role role = Role.of(label).orElseThrow(() -> new IllegalArgumentException("unknown role '" + label + "' (known: " + Role.labels() + ")"));
    if (spec.endsWith("..")) {
      return new FieldRule(offset(spec.substring(0, spec.length() - 2)), FieldRule.TO_END, 0, role, unlessObject);
    }
    if (spec.endsWith("[*]")) {
      Found array = member(spec.substring(0, spec.length() - 3));
      if (array.member() == null || !array.member().array() || array.member().count() == 0) {
        throw new IllegalArgumentException("'" + spec + "': [*] needs an array member of fixed length");
      }
      return new FieldRule((int) (array.bitOffset() / 8), array.member().count(), 0, role, unlessObject);
    }
    int star = spec.lastIndexOf('*');
    if (star > 0) {
      return new FieldRule(offset(spec.substring(0, star)), count(spec.substring(star + 1), spec), 0, role, unlessObject);
    }
    int bracket = spec.indexOf('[');
    if (bracket > 0 && spec.endsWith("]")) {
      return new FieldRule(
          offset(spec.substring(0, bracket)), FieldRule.COUNTED, offset(spec.substring(bracket + 1, spec.length() - 1)), role, unlessObject);
    }
    return new FieldRule(offset(spec), 1, 0, role, unlessObject);
  }

  private static int count(String text, String spec) {
    try {
      int n = Integer.decode(text);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("'" + spec + "': the count after * must be a positive number");
  }

  private static int byteValue(String text, String when) {
    try {
      int n = Integer.decode(text);
      if (n >= 0 && n < 64) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("'when " + when + "': the values must be numbers from 0 to 63, got '" + text + "'");
  }

  private record Found(long bitOffset, StructLayout.Member member) {}

  private Found member(String path) {
    Long number = number(path);
    if (number != null) {
      return new Found(number * 8, null);
    }
    String[] parts = path.split("\\.");
    StructLayout struct = structs.get(parts[0]);
    if (struct == null || parts.length < 2) {
      throw new IllegalArgumentException(
          "expected a byte offset or a STRUCT.member path, got '" + path + "'"
              + (struct == null && parts.length > 1 ? " (no struct " + parts[0] + " is described)" : ""));
    }
    long bit = 0;
    StructLayout.Member m = null;
    for (int i = 1; i < parts.length; i++) {
      if (i > 1) {
        StructLayout inner = structs.get(m.type());
        if (inner == null || m.array()) {
          throw new IllegalArgumentException("'" + path + "': " + parts[i - 1] + " is a " + m.type() + (m.array() ? " array" : "") + ", not a struct with members");
        }
        struct = inner;
      }
      m = struct.members().get(parts[i]);
      if (m == null) {
        throw new IllegalArgumentException("'" + path + "': struct " + struct.name() + " has no member " + parts[i]);
      }
      bit += m.bitOffset();
    }
    return new Found(bit, m);
  }

  private static Long number(String text) {
    try {
      long v = Long.decode(text.startsWith("+") ? text.substring(1) : text);
      if (v < 0) {
        throw new IllegalArgumentException("negative offset " + text);
      }
      return v;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
