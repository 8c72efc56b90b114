package io.heapreel.model.objects;

import io.heapreel.model.capture.Memory;
import io.heapreel.model.capture.Symbol;
import io.heapreel.model.capture.SymbolTable;
import io.heapreel.model.error.CaptureException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which object representation ({@link ObjectRepr}) the firmware was built with, from the data: the
 * keys of the VM state's two dicts ({@code dict_main}, which holds {@code __name__} from
 * {@code mp_init} on, and the loaded modules) are qstrs, and the bit patterns of a qstr word in
 * the representations are disjoint, so the one under which the keys are qstrs is the firmware's.
 * A global {@code mp_obj_str_get_data_no_check} (py/objstr.c has it only in representations C and
 * D) is checked against the answer. Representation D (64-bit objects on a 32-bit machine: map slots
 * of 16 bytes, qstr keys with 0x00020000 in their upper half) is recognised and refused.
 */
public final class ObjectReprFinder {
  /** A function py/objstr.c defines in representations C and D only. */
  static final String C_OR_D_SYMBOL = "mp_obj_str_get_data_no_check";
  /** The upper 32 bits of a qstr in representation D. */
  static final long D_QSTR_HIGH = 0x00020000L;
  private static final int MAX_SLOTS = 1024;
  private static final List<String> DICTS = List.of("state.dict_main", "state.loaded_modules");

  /** The representation and what it was found from (for inspect). */
  public record Found(ObjectRepr repr, String from) {}

  private ObjectReprFinder() {}

  public static Found find(SymbolTable symbols, Memory snapshot, Layout layout, int wordSize) {
    Optional<Symbol> state = symbols.find(layout.stateSymbol());
    boolean cOrDSymbol = symbols.find(C_OR_D_SYMBOL).isPresent();
    List<Long> keys = new ArrayList<>();
    int dKeys = 0;
    boolean placed = Stream.of("dict.map", "map.table", "map.alloc").allMatch(f -> layout.optionalField(f).isPresent());
    if (state.isPresent() && placed) {
      for (String dict : DICTS) {
        Optional<Integer> at = layout.optionalField(dict);
        if (at.isEmpty()) {
          continue;
        }
        long map = state.get().address() + at.get() + layout.field("dict.map");
        long table = word(snapshot, map + layout.field("map.table"), wordSize);
        long alloc = Math.min(word(snapshot, map + layout.field("map.alloc"), wordSize), MAX_SLOTS);
        for (long slot = 0; table > 0 && slot < alloc; slot++) {
          long key = word(snapshot, table + slot * 2 * wordSize, wordSize);
          if (key != ObjectRepr.NULL && key != ObjectRepr.SENTINEL) {
            keys.add(key);
          }
          long d = table + slot * 16;
          if (wordSize == 4 && snapshot.contains(d, 8) && snapshot.u32(d + 4) == D_QSTR_HIGH && (snapshot.u32(d) & 1) == 1) {
            dKeys++;
          }
        }
      }
    }
    String where = "the keys of " + layout.stateSymbol() + "'s dict_main and loaded modules";
    ObjectRepr best = null;
    int bestCount = 0;
    int second = 0;
    StringBuilder counts = new StringBuilder();
    for (ObjectRepr r : ObjectRepr.values()) {
      if (!r.fits(wordSize)) {
        continue;
      }
      int n = (int) keys.stream().filter(r::isQstr).count();
      counts.append(counts.length() == 0 ? "" : ", ").append(r.name()).append(' ').append(n);
      if (n > bestCount) {
        second = bestCount;
        best = r;
        bestCount = n;
      } else {
        second = Math.max(second, n);
      }
    }
    if (dKeys > bestCount) {
      throw new CaptureException(symbols.source() + ": the firmware was built with MICROPY_OBJ_REPR_D (64-bit objects on a 32-bit machine: "
          + dKeys + " of " + where + " are 16-byte slots whose keys are qstrs of representation D), which heapreel does not decode;"
          + " its block-level figures (stats, verify, lifespans) do not depend on it");
    }
    if (bestCount == 0) {
      return cOrDSymbol
          ? new Found(ObjectRepr.C, "the symbol " + C_OR_D_SYMBOL + " (representation C or D); " + where + " hold no qstr to confirm it")
          : new Found(ObjectRepr.A, "the default: " + where + " hold no qstr to tell");
    }
    if (bestCount == second) {
      throw new CaptureException(symbols.source() + ": cannot tell the firmware's object representation: " + where
          + " are qstrs under more than one (" + keys.size() + " keys; qstrs under " + counts + ")");
    }
    if (cOrDSymbol && best != ObjectRepr.C) {
      throw new CaptureException(symbols.source() + ": the object representation is contradictory: " + where + " are qstrs of "
          + best.macro() + " (" + bestCount + " of " + keys.size() + "), but the firmware has " + C_OR_D_SYMBOL
          + ", which only MICROPY_OBJ_REPR_C and _D have");
    }
    return new Found(best, where + " (" + bestCount + " of " + keys.size() + " are its qstrs)");
  }

  private static long word(Memory m, long address, int wordSize) {
    return m.contains(address, wordSize) ? m.word(address, wordSize) : 0;
  }
}
