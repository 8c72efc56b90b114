package io.heapreel.model.objects;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One C struct as the target lays it out: its size, alignment and members with their offsets.
 * Computed from a description with C types ({@link StructDeclaration}) for a word size, or read
 * from gdb's {@code ptype/o} of the firmware ({@link PtypeLayouts}).
 */
public record StructLayout(String name, int size, int align, Map<String, Member> members) implements Serializable {
  /**
   * @param bitOffset from the start of the struct: the byte is {@code bitOffset / 8}
   * @param bitWidth the width of a bit field, else -1
   * @param type the struct name of a struct member, else the C type as written
   * @param count array elements (0 for a flexible array member), 1 for a scalar
   * @param elementSize bytes of one element
   */
  public record Member(String name, long bitOffset, int bitWidth, String type, int count, int elementSize, boolean array)
      implements Serializable {
    public int offset() {
      return (int) (bitOffset / 8);
    }

    public int bit() {
      return (int) (bitOffset % 8);
    }
  }

  public StructLayout {
    members = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(members));
  }

  static StructLayout of(String name, int size, int align, List<Member> members) {
    Map<String, Member> byName = new LinkedHashMap<>();
    members.forEach(m -> byName.put(m.name(), m));
    return new StructLayout(name, size, align, byName);
  }
}
