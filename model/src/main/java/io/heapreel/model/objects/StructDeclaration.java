package io.heapreel.model.objects;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A struct described with C types, as in a {@code .layout} file: each member a C type (a pointer, a
 * word-sized integer, a fixed-size integer, a struct described before), optionally an array
 * ({@code [N]}, or {@code []} for a flexible array member) or a bit field ({@code : N}; {@code : word-3} is
 * {@code 8 * sizeof(size_t) - 3} bits and {@code : word/2} half a word, as C writes widths that
 * follow the word size).
 * Members the decoder never reads may be left off the end. {@link #layout} places the members for
 * a word size by the C rules the GCC ABIs of 32- and 64-bit targets share: each member at its
 * alignment, a bit field in the unit of its type unless it would cross one, the size a multiple of
 * the struct's alignment.
 */
public record StructDeclaration(String name, List<Field> fields, String where) {
  /**
   * @param count array elements, 0 for a flexible array member, -1 for no array
   * @param width a bit field's width: {@code N}, {@code word-N} or {@code word/N} (of the word's
   *     bits); null for a plain member
   */
  public record Field(String type, String name, int count, String width, String where) {
    boolean bitField() {
      return width != null;
    }

    int bits(int wordSize) {
      int word = 8 * wordSize;
      try {
        if (width.startsWith("word-")) {
          return word - Integer.parseInt(width.substring(5));
        }
        if (width.startsWith("word/")) {
          return word / Integer.parseInt(width.substring(5));
        }
        return Integer.parseInt(width);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(where + ": bit-field width '" + width + "' is not N, word-N or word/N");
      }
    }
  }

  /** Word-sized C types: pointers, {@code size_t}, {@code mp_uint_t}, {@code mp_obj_t}, {@code qstr} ... */
  static final List<String> WORD_TYPES =
      List.of("pointer", "size_t", "ssize_t", "mp_uint_t", "mp_int_t", "mp_obj_t", "qstr", "uintptr_t", "intptr_t", "long", "unsigned_long");

  private static final Map<String, Integer> FIXED =
      Map.ofEntries(
          Map.entry("uint8_t", 1), Map.entry("int8_t", 1), Map.entry("byte", 1), Map.entry("char", 1),
          Map.entry("bool", 1), Map.entry("_Bool", 1),
          Map.entry("uint16_t", 2), Map.entry("int16_t", 2), Map.entry("qstr_short_t", 2),
          Map.entry("uint32_t", 4), Map.entry("int32_t", 4), Map.entry("int", 4), Map.entry("float", 4),
          Map.entry("uint64_t", 8), Map.entry("int64_t", 8), Map.entry("double", 8));

  /** Whether the type is one this format knows without a struct of that name. */
  static boolean primitive(String type) {
    return WORD_TYPES.contains(type) || FIXED.containsKey(type);
  }

  /** Size (= alignment) of a primitive type on a target with this word size. */
  static int primitiveSize(String type, int wordSize) {
    return WORD_TYPES.contains(type) ? wordSize : FIXED.get(type);
  }

  /**
   * The struct's layout for {@code wordSize}; {@code known} holds the structs its members may be
   * (described before, or read from the firmware's ptype/o).
   */
  public StructLayout layout(int wordSize, Map<String, StructLayout> known) {
    List<StructLayout.Member> members = new ArrayList<>();
    long bit = 0;
    int align = 1;
    for (Field f : fields) {
      int size;
      int fieldAlign;
      StructLayout nested = null;
      if (primitive(f.type())) {
        size = primitiveSize(f.type(), wordSize);
        fieldAlign = size;
      } else {
        nested = known.get(f.type());
        if (nested == null) {
          throw new IllegalArgumentException(f.where() + ": member " + f.name() + " of struct " + name + " has type " + f.type()
              + ", which is no C type this format knows and no struct described before it");
        }
        size = nested.size();
        fieldAlign = nested.align();
      }
      align = Math.max(align, fieldAlign);
      if (f.bitField()) {
        if (nested != null || f.count() != -1) {
          throw new IllegalArgumentException(f.where() + ": bit field " + f.name() + " must be a scalar integer type");
        }
        long unitBits = 8L * size;
        int width = f.bits(wordSize);
        if (width <= 0 || width > unitBits) {
          throw new IllegalArgumentException(f.where() + ": bit field " + f.name() + " of " + width + " bits does not fit its " + f.type());
        }
        if (bit / unitBits != (bit + width - 1) / unitBits) {
          bit = roundUp(bit, unitBits);
        }
        members.add(new StructLayout.Member(f.name(), bit, width, f.type(), 1, size, false));
        bit += width;
        continue;
      }
      bit = roundUp(bit, 8L * fieldAlign);
      int count = f.count() == -1 ? 1 : f.count();
      members.add(new StructLayout.Member(f.name(), bit, -1, f.type(), count, size, f.count() != -1));
      bit += 8L * size * count;
    }
    int bytes = (int) roundUp(roundUp(bit, 8) / 8, align);
    return StructLayout.of(name, bytes, align, members);
  }

  private static long roundUp(long x, long to) {
    return (x + to - 1) / to * to;
  }
}
