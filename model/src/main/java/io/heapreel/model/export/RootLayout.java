package io.heapreel.model.export;

import io.heapreel.model.capture.Memory;
import io.heapreel.model.capture.RamSpan;
import io.heapreel.model.capture.SymbolTable;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a MicroPython firmware keeps its GC roots, as gc_collect_start scans them: the words of
 * {@code mp_state_ctx} from {@code thread.dict_locals} up to (not including)
 * {@code vm.qstr_last_chunk}, and the C stack below {@code thread.stack_top}.
 *
 * @param rootStart offset of {@code thread.dict_locals} in {@code mp_state_ctx}
 * @param rootEnd offset of {@code vm.qstr_last_chunk} in {@code mp_state_ctx}
 * @param stackTop offset of {@code thread.stack_top} (its {@code stack_limit} follows it)
 */
public record RootLayout(long rootStart, long rootEnd, long stackTop) {
  /** MicroPython v1.2x, 32-bit, without threads (gdb's ptype/o of mp_state_ctx_t for v1.28). */
  public static final RootLayout MICROPYTHON_V1_2X_32 = new RootLayout(12, 216, 0);

  /** The regions to scan in one snapshot; the stack is left out when its top is not in RAM. */
  public List<RootRegion> regions(SymbolTable symbols, Memory snapshot, RamSpan ram, int wordSize) {
    long ctx = symbols.require("mp_state_ctx", "the GC roots (mp_state_ctx)").address();
    List<RootRegion> regions = new ArrayList<>();
    regions.add(new RootRegion("mp_state_ctx", ctx + rootStart, ctx + rootEnd, true));
    long topAddress = ctx + stackTop;
    if (snapshot.contains(topAddress, 2 * wordSize)) {
      long top = snapshot.word(topAddress, wordSize);
      long limit = snapshot.word(topAddress + wordSize, wordSize);
      if (top > ram.start() && top <= ram.end() && limit > 0) {
        // the stack pointer is not in the snapshot: scan the whole stack, as far as its limit
        regions.add(new RootRegion("stack", Math.max(ram.start(), top - limit), top, false));
      }
    }
    return regions;
  }
}
