package io.heapreel.model.objects;

import io.heapreel.model.capture.Memory;
import io.heapreel.model.types.Role;
import java.io.Serializable;

/**
 * Words of a struct whose targets have a known role: {@code +offset}, {@code count} words long, or
 * as many as the word at {@code countOffset} says, or up to the end of the allocation.
 *
 * @param count words, or {@link #TO_END} / {@link #COUNTED}
 * @param countOffset where the count word is, for {@link #COUNTED}
 * @param unlessObject the role holds only for a target that is not an object by its type word
 *     (written {@code ROLE?})
 * @param whenOffset where a one-byte member of the owner lies that decides whether the rule holds
 *     ({@code when PATH=V,...}), or -1 when it always holds
 * @param whenValues the values of that byte for which it holds, one bit each (0 to 63)
 */
public record FieldRule(int offset, int count, int countOffset, Role role, boolean unlessObject, int whenOffset, long whenValues)
    implements Serializable {
  public static final int TO_END = -1;
  public static final int COUNTED = -2;

  /** A rule that always holds. */
  public FieldRule(int offset, int count, int countOffset, Role role, boolean unlessObject) {
    this(offset, count, countOffset, role, unlessObject, -1, 0);
  }

  /** This rule, holding only when the byte at {@code at} of the owner is one of {@code values}. */
  FieldRule when(int at, long values) {
    return new FieldRule(offset, count, countOffset, role, unlessObject, at, values);
  }

  /** Whether the rule holds for the owner in {@code [start, end)} of {@code memory}. */
  boolean holds(Memory memory, long start, long end) {
    if (whenOffset < 0) {
      return true;
    }
    long at = start + whenOffset;
    return at < end && memory.contains(at, 1) && memory.u8(at) < 64 && (whenValues >>> memory.u8(at) & 1) != 0;
  }

  /** Parses {@code N}, {@code N*K}, {@code N[C]} or {@code N..}. */
  static FieldRule parse(String spec, String roleText) {
    boolean unlessObject = roleText.endsWith("?");
    String label = unlessObject ? roleText.substring(0, roleText.length() - 1) : roleText;
    Role role = Role.of(label).orElseThrow(() -> new IllegalArgumentException("unknown role '" + label + "' (known: " + Role.labels() + ")"));
    if (spec.endsWith("..")) {
      return new FieldRule(number(spec.substring(0, spec.length() - 2)), TO_END, 0, role, unlessObject);
    }
    int star = spec.indexOf('*');
    if (star > 0) {
      return new FieldRule(number(spec.substring(0, star)), number(spec.substring(star + 1)), 0, role, unlessObject);
    }
    int bracket = spec.indexOf('[');
    if (bracket > 0 && spec.endsWith("]")) {
      return new FieldRule(number(spec.substring(0, bracket)), COUNTED, number(spec.substring(bracket + 1, spec.length() - 1)), role, unlessObject);
    }
    return new FieldRule(number(spec), 1, 0, role, unlessObject);
  }

  private static int number(String text) {
    int value = Integer.decode(text.startsWith("+") ? text.substring(1) : text);
    if (value < 0) {
      throw new NumberFormatException("negative offset " + text);
    }
    return value;
  }
}
