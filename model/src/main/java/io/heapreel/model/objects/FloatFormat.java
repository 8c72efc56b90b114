package io.heapreel.model.objects;

import io.heapreel.model.capture.Memory;
import io.heapreel.model.capture.Symbol;
import io.heapreel.model.capture.SymbolTable;
import java.util.Optional;

/**
 * Where a boxed float ({@code mp_obj_float_t}: the base word, then {@code mp_float_t value}) keeps
 * its value, and how wide it is: MICROPY_FLOAT_IMPL_FLOAT puts a 4-byte float right after the
 * base word; MICROPY_FLOAT_IMPL_DOUBLE an 8-byte double at offset 8, also on 32-bit boards
 * (the Cortex-M7 and M55 builds), where reading a float after the base word gives the padding.
 *
 * <p>Found from the firmware's own constant {@code mp_const_float_pi_obj} (py/modmath.c) in ROM:
 * the width at which it holds pi. Without it, its symbol size tells a 32-bit build's double (16
 * bytes) from its float (8); otherwise the float after the base word is assumed.
 */
public record FloatFormat(int offset, int bytes, String foundFrom) {
  static final String PI_SYMBOL = "mp_const_float_pi_obj";

  /** Single precision after the base word: the assumption without evidence ({@code why}). */
  static FloatFormat assumed(int wordSize, String why) {
    return new FloatFormat(wordSize, 4, why + ": assumed");
  }

  public static FloatFormat find(SymbolTable symbols, Memory rom, int wordSize) {
    Optional<Symbol> pi = symbols.find(PI_SYMBOL);
    if (pi.isEmpty()) {
      return assumed(wordSize, "no " + PI_SYMBOL + " in the symbols");
    }
    long at = pi.get().address();
    if (rom != null && rom.contains(at + 8, 8) && Double.longBitsToDouble(rom.u64(at + 8)) == Math.PI) {
      return new FloatFormat(8, 8, PI_SYMBOL + " in ROM");
    }
    if (rom != null && rom.contains(at + wordSize, 4) && Float.intBitsToFloat((int) rom.u32(at + wordSize)) == (float) Math.PI) {
      return new FloatFormat(wordSize, 4, PI_SYMBOL + " in ROM");
    }
    if (wordSize == 4 && pi.get().size() == 16) {
      return new FloatFormat(8, 8, "the size of " + PI_SYMBOL + ", 16 bytes on a 32-bit board");
    }
    return assumed(wordSize, PI_SYMBOL + " holds no pi readable in ROM");
  }

  /** For a person: {@code double at offset 8 (from ...)}. */
  public String describe() {
    return (bytes == 8 ? "double" : "float") + " at offset " + offset + " (from " + foundFrom + ")";
  }

  /** The value of the float object at {@code address}, or null when it is outside memory. */
  public String value(Memory memory, long address) {
    if (!memory.contains(address + offset, bytes)) {
      return null;
    }
    return bytes == 8
        ? Double.toString(Double.longBitsToDouble(memory.u64(address + offset)))
        : Float.toString(Float.intBitsToFloat((int) memory.u32(address + offset)));
  }
}
