package io.heapreel.model.heap;

import io.heapreel.model.capture.Memory;
import io.heapreel.model.capture.RamSpan;
import io.heapreel.model.capture.SnapshotFile;
import io.heapreel.model.capture.Symbol;
import io.heapreel.model.capture.SymbolTable;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The dicts the VM state holds in itself ({@code mp_state_ctx.vm.mp_loaded_modules_dict} and {@code
 * dict_main}), whose maps' tables lie in the heap: in every dump a map's {@code used} count is the
 * number of its table's slots holding a key (not {@code MP_OBJ_NULL}, not {@code MP_OBJ_SENTINEL}).
 * py/map.c changes the count and a slot together, with no allocation between, and a rehash's new
 * table is logged before the map points at it and the old one is freed after its keys moved. So a
 * table whose keys do not add up to its map's count is not where the tables of the heap say: the
 * pools of a split heap exchanged while their allocation tables stayed (a swap every table rule and
 * every event of the log agree with), or the dump damaged there.
 *
 * <p>Found without a struct layout, which lies above the block level: each aligned word of {@code
 * mp_state_ctx} that holds {@code &mp_type_dict} in the middle and the last snapshot begins such a
 * dict (its map follows the type word). Checked only for a heap of two or more areas: a single
 * area's pool cannot be exchanged with another's, and an ordinary capture should not pay for it.
 *
 * @param maps the address of each dict's {@code mp_map_t} (its first word: {@code used} above three flag bits)
 */
public record RootMaps(List<Long> maps, int wordSize) implements Serializable {
  private static final String STATE_SYMBOL = "mp_state_ctx";
  /** MP_OBJ_SENTINEL: a deleted slot (py/obj.h, every representation heapreel reads). */
  private static final long SENTINEL = 4;
  /** Bits of the map's first word below {@code used}: all_keys_are_qstrs, is_fixed, is_ordered. */
  private static final int FLAG_BITS = 3;

  public RootMaps {
    maps = List.copyOf(maps);
  }

  /** The VM state's dicts of a split heap, or null for a single area or when none is found. */
  public static RootMaps find(HeapLocation heap, SnapshotFile snapshots, SymbolTable symbols, BuiltinTypes types, int wordSize) {
    return heap.areas().size() < 2 ? null : inState(snapshots, symbols, types, wordSize);
  }

  /** The VM state's dicts, whatever the heap, or null when none is found. */
  public static RootMaps inState(SnapshotFile snapshots, SymbolTable symbols, BuiltinTypes types, int wordSize) {
    long dict = types.addressOf("dict");
    Optional<Symbol> state = symbols.find(STATE_SYMBOL);
    if (dict == 0 || state.isEmpty() || state.get().size() <= 0 || snapshots.count() == 0) {
      return null;
    }
    List<Memory> samples = new ArrayList<>();
    for (long s : new long[] {snapshots.count() / 2, snapshots.count() - 1}) {
      Memory m = snapshots.readable(s).orElse(null);
      if (m == null) {
        return null;
      }
      samples.add(m);
    }
    List<Long> maps = new ArrayList<>();
    long start = (state.get().address() + wordSize - 1) / wordSize * wordSize;
    for (long at = start; at + 4L * wordSize <= state.get().end(); at += wordSize) {
      long here = at;
      if (samples.stream().allMatch(m -> m.contains(here, wordSize) && m.word(here, wordSize) == dict)) {
        maps.add(at + wordSize);
      }
    }
    return maps.isEmpty() ? null : new RootMaps(maps, wordSize);
  }

  /** The lowest and highest bytes of the maps' words. */
  RamSpan span() {
    long low = Long.MAX_VALUE;
    long high = Long.MIN_VALUE;
    for (long m : maps) {
      low = Math.min(low, m);
      high = Math.max(high, m + 3L * wordSize);
    }
    return new RamSpan(low, high);
  }

  /**
   * Why {@code m}'s maps disagree with their tables, or null when they agree. A table outside the
   * areas {@code present} (a ROM table, none yet) is not read.
   */
  public String disagreement(Memory m, HeapLocation heap, long present) {
    for (long map : maps) {
      if (!m.contains(map, 3 * wordSize)) {
        continue;
      }
      long used = m.word(map, wordSize) >>> FLAG_BITS;
      long alloc = m.word(map + wordSize, wordSize);
      long table = m.word(map + 2L * wordSize, wordSize);
      int area = inArea(heap, table, present);
      if (area < 0) {
        continue;
      }
      if (alloc < 0 || alloc > (heap.areas().get(area).poolEnd() - table) / (2L * wordSize)) {
        return String.format("the VM's dict at 0x%08x (in %s) has a table of %d slots at 0x%08x, past the end of its heap"
            + " area: the heap's pools are not where the allocation tables place them, or the dump is damaged", map - wordSize,
            STATE_SYMBOL, alloc, table);
      }
      long keys = 0;
      for (long slot = 0; slot < alloc; slot++) {
        long key = m.word(table + slot * 2 * wordSize, wordSize);
        if (key != 0 && key != SENTINEL) {
          keys++;
        }
      }
      if (keys != used) {
        return String.format("the VM's dict at 0x%08x (in %s) counts %d %s, but its table at 0x%08x (heap block %d) holds"
            + " %d key%s: the heap's pools are not where the allocation tables place them (the pools of two areas exchanged?),"
            + " or the dump is damaged", map - wordSize, STATE_SYMBOL, used, used == 1 ? "entry" : "entries", table,
            heap.blockOf(table), keys, keys == 1 ? "" : "s");
      }
    }
    return null;
  }

  private static int inArea(HeapLocation heap, long address, long present) {
    for (int a = 0; a < heap.areas().size(); a++) {
      if ((present & (1L << a)) != 0 && heap.areas().get(a).inPool(address)) {
        return a;
      }
    }
    return -1;
  }
}
