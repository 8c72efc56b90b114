package io.heapreel.model.objects;

/**
 * The meaning of an {@code mp_obj_t} in object representation A (py/obj.h, the default on 32-bit
 * ports): small ints end in bit 1, qstrs are {@code (q << 3) | 2}, immediate objects end in 110,
 * everything else is a pointer.
 */
public final class ObjectWord {
  /** MP_OBJ_NULL: an empty map slot. */
  public static final long NULL = 0;
  /** MP_OBJ_SENTINEL: a deleted map slot. */
  public static final long SENTINEL = 4;

  private ObjectWord() {}

  public static boolean isSmallInt(long o) {
    return (o & 1) != 0;
  }

  public static long smallInt(long o, int wordSize) {
    long shifted = o >> 1;
    int bits = wordSize * 8 - 1;
    return (shifted << (64 - bits)) >> (64 - bits);
  }

  public static boolean isQstr(long o) {
    return (o & 7) == 2;
  }

  public static int qstr(long o) {
    return (int) (o >>> 3);
  }
}
