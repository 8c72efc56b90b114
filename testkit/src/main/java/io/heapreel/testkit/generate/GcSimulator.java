package io.heapreel.testkit.generate;

import io.heapreel.testkit.generate.GcListener.Action;
import java.util.ArrayDeque;
import java.util.List;

/**
 * MicroPython v1.28's allocator and collector (py/gc.c) over a simulated RAM image, with the
 * logging hook where the dev capture's firmware calls it: at the end of {@code gc_alloc}; in
 * {@code gc_free} after the finaliser bit is cleared and before the blocks are; after an in-place
 * {@code gc_realloc}; in the sweep after each unreachable head is freed and before its tails are.
 *
 * <p>Besides the allocation table in RAM it keeps its own block states ({@link #state}) and
 * finaliser bits, the bookkeeping the oracle figures come from.
 *
 * <p>With a split heap (MICROPY_GC_SPLIT_HEAP: {@code gc_init} on the first half, {@code gc_add} on
 * the second) there are two areas, each with its own tables and descriptor, tried in order. Blocks
 * here are heap blocks, counted from the first pool start as the capture hook logs them; the
 * blocks between the pools (the second area's descriptor and tables) are {@link #GAP}.
 */
final class GcSimulator {
  static final int FREE = 0;
  static final int HEAD = 1;
  static final int TAIL = 2;
  static final int MARK = 3;
  /** A heap block between two pools: in no area. */
  static final int GAP = 4;
  /** Bytes of a block: four machine words. */
  final int bytesPerBlock;
  private static final String GC_C = "../../py/gc.c";

  private final Image ram;
  private final LogWriter names;
  private final long stateCtx;
  private final FirmwareLayout fw;
  private final int w;
  /** The areas in pool order; the first one's descriptor is {@code mp_state_ctx.mem.area}. */
  private final List<Area> areas;
  final long poolStart;
  /** Heap blocks: the length of the block arrays, from the first pool start to the last pool end. */
  final int blocks;
  final byte[] state;
  final boolean[] finaliser;
  /** What each head holds, as the workload declared it when allocating. */
  final AllocTag[] tags;
  private final CStack stack;
  private GcListener listener;

  /** One heap area: its tables, its pool's first heap block, its descriptor and search hints. */
  private final class Area {
    final long descriptor;
    final long atbStart;
    final int atbBytes;
    final long ftbStart;
    final long poolStart;
    final long poolEnd;
    final int blocks;
    int first;
    int lastFreeAtbIndex;
    int lastUsedBlock;

    /** Lays out {@code [start, end)} as {@code gc_init} does, with finalisers; fields from {@code descriptor} on. */
    Area(long descriptor, long start, long end) {
      this.descriptor = descriptor;
      long aligned = end & ~(bytesPerBlock - 1L);
      long total = aligned - start;
      // v1.2x: one gap byte between the tables so that every ATB chain terminates
      atbBytes = (int) ((total - 1) * 8 / (8 + 8 * 4 / 8 + 8 * 4 * bytesPerBlock));
      atbStart = start;
      ftbStart = atbStart + atbBytes + 1;
      blocks = atbBytes * 4;
      poolStart = aligned - (long) blocks * bytesPerBlock;
      poolEnd = aligned;
    }

    void describe() {
      ram.zero(atbStart, (int) (poolStart - atbStart));
      ram.putWord(descriptor, atbStart);
      ram.putWord(descriptor + w, atbBytes);
      ram.putWord(descriptor + 2L * w, ftbStart);
      ram.putWord(descriptor + 3L * w, poolStart);
      ram.putWord(descriptor + 4L * w, poolEnd);
      setLastFree(this, 0);
      setLastUsed(this, 0);
    }

    boolean holds(int heapBlock) {
      return heapBlock >= first && heapBlock < first + blocks;
    }
  }

  /** Sets up the heap in {@code [heapStart, heapEnd)} as {@code gc_init} does, with finalisers. */
  GcSimulator(Image ram, LogWriter names, FirmwareLayout fw, CStack stack) {
    this.ram = ram;
    this.names = names;
    this.fw = fw;
    this.w = fw.w;
    this.bytesPerBlock = 4 * w;
    this.stateCtx = fw.stateCtx;
    this.stack = stack;
    long heapStart = fw.heapStart;
    long heapEnd = fw.heapEnd;
    if (fw.splitHeap) {
      // gc_add puts the added area's descriptor (next, the five table words, two hints) at its start
      long mid = (heapStart + (heapEnd - heapStart) / 2) & ~15L;
      Area second = new Area(mid + w, mid + 8L * w, heapEnd);
      areas = List.of(new Area(stateCtx + fw.memArea + w, heapStart, mid), second);
      ram.putWord(stateCtx + fw.memArea, mid); // the first area's next
      ram.putWord(mid, 0);
    } else {
      areas = List.of(new Area(stateCtx + fw.memArea, heapStart, heapEnd));
    }
    poolStart = areas.get(0).poolStart;
    Area last = areas.get(areas.size() - 1);
    blocks = (int) ((last.poolEnd - poolStart) / bytesPerBlock);
    state = new byte[blocks];
    finaliser = new boolean[blocks];
    tags = new AllocTag[blocks];
    java.util.Arrays.fill(state, (byte) GAP);
    for (Area a : areas) {
      a.first = blockOf(a.poolStart);
      java.util.Arrays.fill(state, a.first, a.first + a.blocks, (byte) FREE);
      a.describe();
    }
    ram.putU16(stateCtx + fw.gcAutoCollect, 1); // gc_auto_collect_enabled
    ram.putWord(stateCtx + fw.gcAllocThreshold, w == 4 ? 0xffffffffL : -1L); // gc_alloc_threshold: off
  }

  void listen(GcListener listener) {
    this.listener = listener;
  }

  long blockAddress(int block) {
    return poolStart + (long) block * bytesPerBlock;
  }

  int blockOf(long address) {
    return (int) ((address - poolStart) / bytesPerBlock);
  }

  boolean isHeapPointer(long word) {
    return (word & (bytesPerBlock - 1)) == 0 && word >= poolStart && word < blockAddress(blocks) && state[blockOf(word)] != GAP;
  }

  private Area areaOf(int block) {
    for (Area a : areas) {
      if (a.holds(block)) {
        return a;
      }
    }
    throw new IllegalStateException("heap block " + block + " lies in no area");
  }

  int kind(int block) {
    return state[block];
  }

  private void setKind(int block, int kind) {
    state[block] = (byte) kind;
    Area area = areaOf(block);
    int local = block - area.first;
    long at = area.atbStart + (local >> 2);
    int shift = (local & 3) << 1;
    ram.putU8(at, (ram.u8(at) & ~(3 << shift)) | (kind << shift));
  }

  private void setFinaliser(int block, boolean on) {
    finaliser[block] = on;
    Area area = areaOf(block);
    int local = block - area.first;
    long at = area.ftbStart + (local >> 3);
    int bit = 1 << (local & 7);
    ram.putU8(at, on ? ram.u8(at) | bit : ram.u8(at) & ~bit);
  }

  private void setLastFree(Area area, int index) {
    area.lastFreeAtbIndex = index;
    ram.putWord(area.descriptor + 5L * w, index);
  }

  private void setLastUsed(Area area, int block) {
    area.lastUsedBlock = block;
    ram.putWord(area.descriptor + 6L * w, block);
  }

  /** Blocks of the allocation whose head is {@code block}. */
  int length(int block) {
    int n = 1;
    while (block + n < blocks && state[block + n] == TAIL) {
      n++;
    }
    return n;
  }

  private int blocksFor(int nBytes) {
    return (nBytes + bytesPerBlock - 1) / bytesPerBlock;
  }

  /** {@code gc_alloc}: first fit from the last free index; collects once when nothing fits. */
  long alloc(int nBytes, boolean withFinaliser, AllocTag tag, List<Frame> caller) {
    String flags = withFinaliser ? "alloc_flags=alloc_flags@entry=1" : "alloc_flags=alloc_flags@entry=0";
    return allocLogged(nBytes, withFinaliser, tag, Frame.chain(List.of(Frame.at("gc_alloc", "n_bytes=n_bytes@entry=" + nBytes + ", " + flags, GC_C, 1024)), caller));
  }

  private long allocLogged(int nBytes, boolean withFinaliser, AllocTag tag, List<Frame> frames) {
    int n = blocksFor(nBytes);
    if (n == 0) {
      return 0;
    }
    for (int attempt = 0; attempt < 2; attempt++) {
      int found = firstFit(n);
      if (found >= 0) {
        return take(found, n, withFinaliser, tag, frames);
      }
      if (attempt == 0) {
        List<Frame> inner = List.of(Frame.at("gc_alloc", frames.get(0).args(), GC_C, 1012));
        collect(Frame.chain(List.of(Frame.at("gc_collect", "", "main.c", 105)), Frame.chain(inner, frames.subList(1, frames.size()))));
      }
    }
    return 0;
  }

  /** The last block of the first run of {@code n} free blocks, area after area. */
  private int firstFit(int n) {
    for (Area a : areas) {
      int run = 0;
      for (int i = a.first + a.lastFreeAtbIndex * 4; i < a.first + a.blocks; i++) {
        if (state[i] == FREE) {
          if (++run >= n) {
            return i;
          }
        } else {
          run = 0;
        }
      }
    }
    return -1;
  }

  private long take(int endBlock, int n, boolean withFinaliser, AllocTag tag, List<Frame> frames) {
    int start = endBlock - n + 1;
    tags[start] = tag;
    Area area = areaOf(start);
    if (n == 1) {
      setLastFree(area, (endBlock - area.first + 1) / 4);
    }
    setLastUsed(area, Math.max(area.lastUsedBlock, endBlock - area.first));
    setKind(start, HEAD);
    for (int b = start + 1; b <= endBlock; b++) {
      setKind(b, TAIL);
    }
    long address = blockAddress(start);
    ram.zero(address, n * bytesPerBlock); // MICROPY_GC_CONSERVATIVE_CLEAR
    if (withFinaliser) {
      setFinaliser(start, true);
    }
    listener.change(Action.ALLOC, start, n, frames);
    return address;
  }

  /** {@code gc_free}: logged before the blocks are cleared, after the finaliser bit is. */
  void free(long pointer, List<Frame> caller) {
    String p = names.pointer(pointer);
    release(pointer, Frame.chain(List.of(Frame.at("gc_free", "ptr=ptr@entry=" + p, GC_C, 1101), Frame.at("gc_free", "ptr=" + p, GC_C, 1051)), caller));
  }

  private void release(long pointer, List<Frame> frames) {
    int block = blockOf(pointer);
    if (state[block] != HEAD) {
      throw new IllegalStateException("gc_free of a block that is not a head: " + block);
    }
    setFinaliser(block, false);
    Area area = areaOf(block);
    if ((block - area.first) / 4 < area.lastFreeAtbIndex) {
      setLastFree(area, (block - area.first) / 4);
    }
    listener.change(Action.FREE, block, 0, frames);
    do {
      setKind(block, FREE);
      block++;
    } while (block < blocks && state[block] == TAIL);
  }

  /**
   * {@code gc_realloc}: shrink or grow in place when the following blocks allow, else (when
   * allowed) allocate anew, copy and free the old blocks. Returns the new address, or 0.
   */
  long realloc(long pointer, int nBytes, boolean allowMove, List<Frame> caller) {
    int block = blockOf(pointer);
    int newBlocks = blocksFor(nBytes);
    int have = length(block);
    int free = 0;
    for (int b = block + have; b < blocks && state[b] == FREE && have + free < newBlocks; b++) {
      free++;
    }
    if (newBlocks == have) {
      return pointer;
    }
    String p = names.pointer(pointer);
    List<Frame> inPlace =
        Frame.chain(List.of(Frame.at("gc_realloc", "ptr_in=ptr_in@entry=" + p + ", n_bytes=n_bytes@entry=" + nBytes + ", allow_move=<optimized out>", GC_C, 1274)), caller);
    Area area = areaOf(block);
    if (newBlocks < have) {
      for (int b = block + newBlocks; b < block + have; b++) {
        setKind(b, FREE);
      }
      if ((block - area.first + newBlocks) / 4 < area.lastFreeAtbIndex) {
        setLastFree(area, (block - area.first + newBlocks) / 4);
      }
      listener.change(Action.REALLOC, block, newBlocks, inPlace);
      return pointer;
    }
    if (newBlocks <= have + free) {
      for (int b = block + have; b < block + newBlocks; b++) {
        setKind(b, TAIL);
      }
      setLastUsed(area, Math.max(area.lastUsedBlock, block - area.first + newBlocks));
      ram.zero(pointer + (long) have * bytesPerBlock, (newBlocks - have) * bytesPerBlock);
      listener.change(Action.REALLOC, block, newBlocks, inPlace);
      return pointer;
    }
    if (!allowMove) {
      return 0;
    }
    boolean ftb = finaliser[block];
    String move = "ptr_in=" + p + ", n_bytes=n_bytes@entry=" + nBytes + ", allow_move=allow_move@entry=true";
    long mark = stack.mark();
    stack.push(pointer); // ptr_in stays in a saved register across a collection
    long moved =
        allocLogged(
            nBytes,
            ftb,
            tags[block],
            Frame.chain(List.of(Frame.at("gc_alloc", "n_bytes=n_bytes@entry=" + nBytes + ", alloc_flags=" + (ftb ? 1 : 0), GC_C, 1024), Frame.at("gc_realloc", move, GC_C, 1294)), caller));
    stack.popTo(mark);
    if (moved == 0) {
      return 0;
    }
    ram.copy(pointer, moved, have * bytesPerBlock);
    release(
        pointer,
        Frame.chain(
            List.of(Frame.at("gc_free", "ptr=ptr@entry=" + p, GC_C, 1101), Frame.at("gc_free", "ptr=" + p, GC_C, 1051), Frame.inlined("gc_realloc", move, GC_C, 1303)),
            caller));
    return moved;
  }

  /**
   * {@code gc_collect}: mark from the root pointers of {@code mp_state_ctx} (from
   * {@code thread.dict_locals} up to {@code vm.qstr_last_chunk}) and the C stack, run finalisers
   * (clearing their bits), then sweep in block order, logging each freed head.
   */
  void collect(List<Frame> caller) {
    ram.putU16(stateCtx + fw.gcLockDepth, 1);
    ArrayDeque<Integer> pending = new ArrayDeque<>();
    for (long a = stateCtx + fw.dictLocals; a < stateCtx + fw.qstrLastChunk; a += w) {
      markFrom(ram.word(a), pending);
    }
    for (long a = stack.sp(); a < stack.top(); a += w) {
      markFrom(ram.word(a), pending);
    }
    while (!pending.isEmpty()) {
      int block = pending.pop();
      long from = blockAddress(block);
      long to = from + (long) length(block) * bytesPerBlock;
      for (long a = from; a < to; a += w) {
        markFrom(ram.word(a), pending);
      }
    }
    for (int b = 0; b < blocks; b++) {
      if (state[b] == HEAD && finaliser[b]) {
        setFinaliser(b, false); // the finaliser ran; it allocates nothing here
      }
    }
    List<Frame> sweep = Frame.chain(List.of(Frame.at("gc_sweep_free_blocks", "", GC_C, 725), Frame.inlined("gc_collect_end", "", GC_C, 601)), caller);
    for (Area a : areas) {
      boolean freeTail = false;
      int lastUsed = 0;
      for (int b = a.first; b < a.first + a.blocks; b++) {
        switch (state[b]) {
          case HEAD -> {
            freeTail = true;
            setKind(b, FREE);
            listener.change(Action.SWEEP, b, 0, sweep);
          }
          case TAIL -> {
            if (freeTail) {
              setKind(b, FREE);
            } else {
              lastUsed = b - a.first;
            }
          }
          case MARK -> {
            setKind(b, HEAD);
            freeTail = false;
            lastUsed = b - a.first;
          }
          default -> { }
        }
      }
      setLastUsed(a, lastUsed);
      setLastFree(a, 0);
    }
    ram.putU16(stateCtx + fw.gcLockDepth, 0);
  }

  private void markFrom(long word, ArrayDeque<Integer> pending) {
    if (isHeapPointer(word)) {
      int block = blockOf(word);
      if (state[block] == HEAD) {
        setKind(block, MARK);
        pending.push(block);
      }
    }
  }
}
