package io.heapreel.model.objects;

/**
 * How an {@code mp_obj_t} word encodes small ints and qstrs: MicroPython's object representations
 * (py/mpconfig.h {@code MICROPY_OBJ_REPR}, decoded as py/obj.h does). In each of them a word that
 * is no small int, qstr, immediate or boxed float is a plain pointer, and {@code MP_OBJ_NULL} (0)
 * and {@code MP_OBJ_SENTINEL} (4) mark a map's empty and deleted slots. Representation D (64-bit
 * objects on a 32-bit machine) has no constant here: heapreel refuses it ({@link ObjectReprFinder}).
 */
public enum ObjectRepr {
  /** The default: small ints {@code xxx1}, qstrs {@code (q << 3) | 2}, immediates {@code xx110}. */
  A(1, 1, 1, 7, 2, 3),
  /** Small ints {@code xx01} (30 bits on a 32-bit machine), qstrs {@code (q << 3) | 3}, immediates {@code xx111}. */
  B(3, 1, 2, 7, 3, 3),
  /**
   * 32-bit words with 30-bit floats inside them: small ints as in A, qstrs {@code (q << 4) | 6}
   * with the top 9 bits clear (a float's word has exponent bits there).
   */
  C(1, 1, 1, 0xff80000fL, 6, 4);

  /** MP_OBJ_NULL: an empty map slot. */
  public static final long NULL = 0;
  /** MP_OBJ_SENTINEL: a deleted map slot. */
  public static final long SENTINEL = 4;

  /** A small int is a word whose bits under {@code smallIntMask} are {@code smallIntTag}; its value the word shifted right by {@code smallIntShift}. */
  private final long smallIntMask;
  private final long smallIntTag;
  private final int smallIntShift;
  /** The same for a qstr, whose number is unsigned. */
  private final long qstrMask;
  private final long qstrTag;
  private final int qstrShift;

  ObjectRepr(long smallIntMask, long smallIntTag, int smallIntShift, long qstrMask, long qstrTag, int qstrShift) {
    this.smallIntMask = smallIntMask;
    this.smallIntTag = smallIntTag;
    this.smallIntShift = smallIntShift;
    this.qstrMask = qstrMask;
    this.qstrTag = qstrTag;
    this.qstrShift = qstrShift;
  }

  public boolean isSmallInt(long o) {
    return (o & smallIntMask) == smallIntTag;
  }

  /** The value of a small int word of a {@code wordSize}-byte machine. */
  public long smallInt(long o, int wordSize) {
    return signed(o >> smallIntShift, wordSize * 8 - smallIntShift);
  }

  public boolean isQstr(long o) {
    return (o & qstrMask) == qstrTag;
  }

  /** The qstr number of a qstr word. */
  public long qstr(long o) {
    return (this == C ? o & 0xffffffffL : o) >>> qstrShift;
  }

  /**
   * Whether the word is a float held in the word itself (C only: {@code xx10} with exponent bits,
   * as py/obj.h's {@code mp_obj_is_float} tells it from a qstr or an immediate).
   */
  public boolean isInlineFloat(long o) {
    return this == C && (o & 3) == 2 && (o & 0xff800007L) != 6;
  }

  /** The value of an inline float word: its 30 bits, the two missing ones copied from the two above, as the firmware reads it. */
  public float inlineFloat(long o) {
    long bits = ((o & 0xffffffffL) - 0x80800000L) & 0xfffffffcL;
    return Float.intBitsToFloat((int) (bits | ((bits >>> 2) & 3)));
  }

  /** Whether the representation exists for this word size (C needs 32-bit words). */
  public boolean fits(int wordSize) {
    return this != C || wordSize == 4;
  }

  /** The name the firmware's configuration gives it. */
  public String macro() {
    return "MICROPY_OBJ_REPR_" + name();
  }

  private static long signed(long value, int bits) {
    return (value << (64 - bits)) >> (64 - bits);
  }
}
