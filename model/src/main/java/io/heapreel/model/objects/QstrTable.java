package io.heapreel.model.objects;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * qstr numbers to text, through the pool chain that starts at {@code mp_state_ctx.vm.last_pool}: RAM
 * pools first, then the ROM pools when the ROM image is there. A qstr in a pool that cannot be read
 * (ROM without firmware.bin) is shown as {@code qstr#N}.
 */
public final class QstrTable {
  /** More pools than this means a corrupt chain (a real firmware has a handful). */
  static final int MAX_POOLS = 4096;
  static final int MAX_QSTR_BYTES = 1024;

  private record Pool(long address, long first, long len) {}

  private final TargetMemory memory;
  private final int wordSize;
  private final List<Pool> pools;
  private final int qstrsOffset;
  private final int lengthsOffset;
  private final int lenBytes;
  private final int header;
  private final boolean corrupt;

  private QstrTable(TargetMemory memory, int wordSize, Layout layout, List<Pool> pools, boolean corrupt) {
    this.memory = memory;
    this.wordSize = wordSize;
    this.pools = pools;
    this.qstrsOffset = layout.field("qstr_pool.qstrs");
    this.lengthsOffset = layout.optionalField("qstr_pool.lengths").orElse(-1);
    this.lenBytes = layout.option("qstr_pool.len_bytes", 1);
    this.header = layout.option("qstr_pool.string_header", 0);
    this.corrupt = corrupt;
  }

  /** Follows the chain from the pool address; stops at a cycle, an unreadable pool or a bad count. */
  public static QstrTable read(TargetMemory memory, int wordSize, Layout layout, long lastPool) {
    int prevOff = layout.field("qstr_pool.prev");
    int totalOff = layout.field("qstr_pool.total_prev_len");
    int lenOff = layout.field("qstr_pool.len");
    List<Pool> pools = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    boolean corrupt = false;
    long p = lastPool;
    while (p != 0 && memory.contains(p, layout.field("qstr_pool.qstrs"))) {
      if (!seen.add(p) || pools.size() >= MAX_POOLS) {
        corrupt = true;
        break;
      }
      long total = memory.word(p + totalOff, wordSize) & 0x7fffffffL;
      long len = memory.word(p + lenOff, wordSize);
      if (len > 0xffffff) {
        corrupt = true;
        break;
      }
      pools.add(new Pool(p, total, len));
      p = memory.word(p + prevOff, wordSize);
    }
    return new QstrTable(memory, wordSize, layout, List.copyOf(pools), corrupt);
  }

  /** True when the chain had a cycle or an impossible pool: names may be missing. */
  public boolean corrupt() {
    return corrupt;
  }

  /** The text, {@code qstr#N} when its pool is not readable, or null when the pool entry is bad. */
  public String name(long q) {
    for (Pool pool : pools) {
      if (q >= pool.first() && q < pool.first() + pool.len()) {
        return read(pool, (int) (q - pool.first()));
      }
    }
    return "qstr#" + q;
  }

  private String read(Pool pool, int i) {
    long slot = pool.address() + qstrsOffset + (long) i * wordSize;
    if (!memory.contains(slot, wordSize)) {
      return null;
    }
    long data = memory.word(slot, wordSize);
    int length = -1;
    if (lengthsOffset >= 0 && memory.contains(pool.address() + lengthsOffset, wordSize)) {
      long lengths = memory.word(pool.address() + lengthsOffset, wordSize);
      long at = lengths + (long) i * lenBytes;
      if (memory.contains(at, lenBytes)) {
        length = lenBytes == 1 ? memory.u8(at) : memory.u16(at);
      }
    } else if (header > 0 && memory.contains(data + header - 1, 1)) {
      length = memory.u8(data + header - 1);
    }
    return Text.cString(memory, data + header, length, MAX_QSTR_BYTES);
  }
}
