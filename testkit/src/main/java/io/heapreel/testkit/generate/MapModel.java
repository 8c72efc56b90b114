package io.heapreel.testkit.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@code mp_map_t} in RAM ({@code used:29 | flags:3, alloc, table}) and the keys it holds, as
 * py/map.c maintains it: open addressing from {@code hash % alloc} with linear probing, deleted
 * slots marked with {@code MP_OBJ_SENTINEL}, and a rehash into the next size of
 * {@code hash_allocation_sizes} when the table is full (new table allocated zeroed, entries moved,
 * old table freed).
 */
final class MapModel {
  static final long SENTINEL = 4;
  private static final int[] SIZES = {
    0, 2, 4, 6, 8, 10, 12, 17, 23, 29, 37, 47, 59, 73, 97, 127, 167, 223, 293, 389, 521, 691, 919, 1223, 1627, 2161, 2879, 3833, 5101
  };

  /** A key: its object word, its text and the hash the map probes with. */
  record Key(long word, String text, int hash) {}

  private final MpRuntime rt;
  final long address;
  private final Map<String, Key> keys = new LinkedHashMap<>();

  MapModel(MpRuntime rt, long address) {
    this.rt = rt;
    this.address = address;
  }

  List<String> keys() {
    return new ArrayList<>(keys.keySet());
  }

  int size() {
    return keys.size();
  }

  boolean contains(String text) {
    return keys.containsKey(text);
  }

  Key key(String text) {
    return keys.get(text);
  }

  int alloc() {
    return (int) rt.ram.word(address + rt.w);
  }

  long table() {
    return rt.ram.word(address + 2L * rt.w);
  }

  private int used() {
    return (int) (rt.ram.word(address) >>> 3);
  }

  private void setUsed(int used, boolean allQstrs) {
    long flags = rt.ram.word(address) & 0b110;
    rt.ram.putWord(address, ((long) used << 3) | flags | (allQstrs ? 1 : 0));
  }

  /** {@code mp_map_init(map, n)}: a zeroed table of n slots, or none. */
  void init(int n, java.util.List<Frame> caller) {
    setUsed(0, true);
    rt.ram.putWord(address + rt.w, n);
    rt.ram.putWord(address + 2L * rt.w, 0);
    if (n > 0) {
      long table = rt.malloc0(2 * rt.w * n, AllocTag.raw("map_table"), Frame.chain(List.of(Frame.at("mp_map_init", "map=map@entry=" + rt.log.pointer(address) + ", n=n@entry=" + n, "../../py/map.c", 95)), caller));
      rt.ram.putWord(address + 2L * rt.w, table);
    }
  }

  /** {@code map[key] = value} through {@code mp_map_lookup(..., MP_MAP_LOOKUP_ADD_IF_NOT_FOUND)}. */
  void put(Key key, long value, List<Frame> caller) {
    List<Frame> lookup =
        Frame.chain(List.of(Frame.at("mp_map_lookup", "map=map@entry=" + rt.log.pointer(address) + ", index=" + rt.log.pointer(key.word()) + ", lookup_kind=lookup_kind@entry=MP_MAP_LOOKUP_ADD_IF_NOT_FOUND", "../../py/map.c", 313)), caller);
    long mark = rt.stack.mark();
    rt.stack.push(key.word());
    rt.stack.push(value);
    long slot = findOrAdd(key, lookup);
    rt.ram.putWord(slot + rt.w, value);
    rt.stack.popTo(mark);
    keys.put(key.text(), key);
  }

  private long findOrAdd(Key key, List<Frame> lookup) {
    for (;;) {
      int alloc = alloc();
      if (alloc == 0) {
        rehash(lookup);
        continue;
      }
      long table = table();
      int start = Integer.remainderUnsigned(key.hash(), alloc);
      int pos = start;
      long avail = 0;
      do {
        long slot = table + 2L * rt.w * pos;
        long k = rt.ram.word(slot);
        if (k == 0) {
          long at = avail != 0 ? avail : slot;
          add(at, key);
          return at;
        }
        if (k == SENTINEL) {
          if (avail == 0) {
            avail = slot;
          }
        } else if (k == key.word() || keys.containsKey(key.text()) && keys.get(key.text()).word() == k) {
          return slot;
        }
        pos = (pos + 1) % alloc;
      } while (pos != start);
      if (avail != 0) {
        add(avail, key);
        return avail;
      }
      rehash(lookup);
    }
  }

  private void add(long slot, Key key) {
    boolean allQstrs = (rt.ram.word(address) & 1) != 0 && (key.word() & 7) == 2;
    setUsed(used() + 1, allQstrs);
    rt.ram.putWord(slot, key.word());
    rt.ram.putWord(slot + rt.w, 0);
  }

  /** {@code del map[key]}: the slot becomes empty when the next one is, else a sentinel. */
  long remove(String text) {
    Key key = keys.remove(text);
    if (key == null) {
      return 0;
    }
    int alloc = alloc();
    long table = table();
    for (int i = 0; i < alloc; i++) {
      long slot = table + 2L * rt.w * i;
      if (rt.ram.word(slot) == key.word()) {
        long value = rt.ram.word(slot + rt.w);
        long next = table + 2L * rt.w * ((i + 1) % alloc);
        rt.ram.putWord(slot, rt.ram.word(next) == 0 ? 0 : SENTINEL);
        rt.ram.putWord(slot + rt.w, 0);
        setUsed(used() - 1, (rt.ram.word(address) & 1) != 0);
        return value;
      }
    }
    throw new IllegalStateException("key " + text + " not in its table");
  }

  private void rehash(List<Frame> lookup) {
    int oldAlloc = alloc();
    long oldTable = table();
    int newAlloc = oldAlloc + 1;
    for (int s : SIZES) {
      if (s >= newAlloc) {
        newAlloc = s;
        break;
      }
    }
    List<Frame> here = Frame.chain(List.of(Frame.at("mp_map_rehash", "map=map@entry=" + rt.log.pointer(address), "../../py/map.c", 136)), lookup);
    long table = rt.malloc0(2 * rt.w * newAlloc, AllocTag.raw("map_table"), here);
    if (table == 0) {
      throw new OutOfHeap();
    }
    rt.ram.putWord(address + rt.w, newAlloc);
    rt.ram.putWord(address + 2L * rt.w, table);
    setUsed(0, true);
    long mark = rt.stack.mark();
    rt.stack.push(oldTable);
    for (int i = 0; i < oldAlloc; i++) {
      long k = rt.ram.word(oldTable + 2L * rt.w * i);
      if (k != 0 && k != SENTINEL) {
        Key key = null;
        for (Key c : keys.values()) {
          if (c.word() == k) {
            key = c;
          }
        }
        long slot = findOrAdd(key, lookup);
        rt.ram.putWord(slot + rt.w, rt.ram.word(oldTable + 2L * rt.w * i + rt.w));
      }
    }
    rt.stack.popTo(mark);
    if (oldTable != 0) {
      rt.free(oldTable, 2 * rt.w * oldAlloc, Frame.chain(List.of(Frame.at("mp_map_rehash", "map=map@entry=" + rt.log.pointer(address), "../../py/map.c", 150)), lookup));
    }
  }

  /** Thrown when the heap cannot hold what the workload asked for even after a collection. */
  static final class OutOfHeap extends RuntimeException {
    OutOfHeap() {
      super("MemoryError", null, false, false);
    }
  }
}
