package io.heapreel.testkit.generate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of the MicroPython runtime the workload goes through to reach the collector: py/malloc.c
 * ({@code m_malloc}, {@code m_malloc0}, {@code m_malloc_maybe}, {@code m_realloc}, {@code m_free}),
 * {@code mp_obj_malloc_helper}, and qstr interning (py/qstr.c: string chunks grown in place when
 * possible, RAM pools of the v1.28 layout chained from {@code mp_state_ctx.vm.last_pool}).
 */
final class MpRuntime {
  static final String MALLOC_C = "../../py/malloc.c";
  static final String QSTR_C = "../../py/qstr.c";
  private static final int QSTR_CHUNK_INIT = 128;
  private static final int QSTR_POOL_INIT = 20;

  final FirmwareLayout layout;
  final Image ram;
  final GcSimulator gc;
  final CStack stack;
  final LogWriter log;
  final long state;
  final int w;
  private final Map<String, Integer> ramQstrs = new HashMap<>();
  private final List<String> ramQstrTexts = new ArrayList<>();
  private long lastPool;
  private int poolAlloc;
  private int poolLen;
  private int poolFirstQstr;

  MpRuntime(FirmwareLayout layout, Image ram, GcSimulator gc, CStack stack, LogWriter log) {
    this.layout = layout;
    this.ram = ram;
    this.gc = gc;
    this.stack = stack;
    this.log = log;
    this.state = layout.stateCtx;
    this.w = layout.w;
    this.lastPool = layout.address("mp_qstr_const_pool");
    // the ROM pool is full: the first interned string starts a RAM pool
    this.poolFirstQstr = 0;
    this.poolAlloc = layout.romQstrs.count();
    this.poolLen = poolAlloc;
    ram.putWord(state + layout.lastPool, lastPool);
  }

  long malloc(int n, AllocTag tag, List<Frame> caller) {
    return gc.alloc(n, false, tag, Frame.chain(List.of(Frame.at("m_malloc", "num_bytes=num_bytes@entry=" + n, MALLOC_C, 86)), caller));
  }

  long mallocWithFinaliser(int n, AllocTag tag, List<Frame> caller) {
    return gc.alloc(n, true, tag, Frame.chain(List.of(Frame.at("m_malloc_with_finaliser", "num_bytes=num_bytes@entry=" + n, MALLOC_C, 110)), caller));
  }

  long malloc0(int n, AllocTag tag, List<Frame> caller) {
    return malloc(n, tag, Frame.chain(List.of(Frame.at("m_malloc0", "num_bytes=num_bytes@entry=" + n, MALLOC_C, 127)), caller));
  }

  long mallocMaybe(int n, AllocTag tag, List<Frame> caller) {
    return gc.alloc(n, false, tag, Frame.chain(List.of(Frame.at("m_malloc_maybe", "num_bytes=num_bytes@entry=" + n, MALLOC_C, 100)), caller));
  }

  /** {@code mp_obj_malloc}: an object of {@code n} bytes whose first word is its type. */
  long objMalloc(int n, long type, AllocTag tag, List<Frame> caller) {
    List<Frame> helper = Frame.chain(List.of(Frame.at("mp_obj_malloc_helper", "num_bytes=num_bytes@entry=" + n + ", type=type@entry=" + log.pointer(type), "../../py/obj.c", 42)), caller);
    long obj = malloc(n, tag, helper);
    if (obj == 0) {
      throw new MapModel.OutOfHeap();
    }
    ram.putWord(obj, type);
    return obj;
  }

  long realloc(long ptr, int oldBytes, int newBytes, List<Frame> caller) {
    long p = gc.realloc(ptr, newBytes, true, Frame.chain(List.of(Frame.at("m_realloc", "ptr=<optimized out>, old_num_bytes=" + oldBytes + ", new_num_bytes=" + newBytes, MALLOC_C, 141)), caller));
    if (p == 0) {
      throw new MapModel.OutOfHeap();
    }
    return p;
  }

  long reallocMaybe(long ptr, int oldBytes, int newBytes, List<Frame> caller) {
    return gc.realloc(
        ptr,
        newBytes,
        false,
        Frame.chain(List.of(Frame.at("m_realloc_maybe", "ptr=ptr@entry=" + log.pointer(ptr) + ", old_num_bytes=" + oldBytes + ", new_num_bytes=" + newBytes + ", allow_move=allow_move@entry=false", MALLOC_C, 170)), caller));
  }

  void free(long ptr, int bytes, List<Frame> caller) {
    gc.free(ptr, Frame.chain(List.of(Frame.at("m_free", "ptr=<optimized out>, num_bytes=" + bytes, MALLOC_C, 199)), caller));
  }

  /** The qstr of {@code text}, interning it in RAM (chunk, then pool) when it is new. */
  int qstr(String text, List<Frame> caller) {
    int rom = layout.romQstrs.find(text);
    if (rom > 0) {
      return rom;
    }
    Integer known = ramQstrs.get(text);
    if (known != null) {
      return known;
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<Frame> from =
        Frame.chain(List.of(Frame.at("qstr_from_strn", "str=str@entry=" + log.pointer(stack.sp() - 64) + " \"" + text + "\", len=len@entry=" + bytes.length, QSTR_C, 290)), caller);
    long chunk = ram.word(state + layout.qstrLastChunk);
    long used = ram.word(state + layout.qstrLastUsed);
    long alloc = ram.word(state + layout.qstrLastAlloc);
    int n = bytes.length + 1;
    if (chunk != 0 && used + n > alloc) {
      if (reallocMaybe(chunk, (int) alloc, (int) alloc + n, from) == 0) {
        reallocMaybe(chunk, (int) alloc, (int) used, from);
        chunk = 0;
      } else {
        alloc += n;
      }
    }
    if (chunk == 0) {
      alloc = Math.max(n, QSTR_CHUNK_INIT);
      chunk = mallocMaybe((int) alloc, AllocTag.raw("qstr_chunk"), from);
      if (chunk == 0) {
        throw new MapModel.OutOfHeap();
      }
      used = 0;
    }
    long at = chunk + used;
    ram.putBytes(at, bytes);
    ram.putU8(at + bytes.length, 0);
    ram.putWord(state + layout.qstrLastChunk, chunk);
    ram.putWord(state + layout.qstrLastAlloc, alloc);
    ram.putWord(state + layout.qstrLastUsed, used + n);
    long mark = stack.mark();
    stack.push(at);
    int q = add(at, bytes, Frame.chain(List.of(Frame.at("qstr_add", "q_ptr=" + log.pointer(at) + " \"" + text + "\", len=" + bytes.length, QSTR_C, 224)), from));
    stack.popTo(mark);
    ramQstrs.put(text, q);
    ramQstrTexts.add(text);
    return q;
  }

  private int add(long string, byte[] bytes, List<Frame> caller) {
    if (poolLen >= poolAlloc) {
      boolean first = poolFirstQstr == 0;
      int alloc = first ? QSTR_POOL_INIT : poolAlloc * 2;
      // qstr_pool_t: six words, then qstrs[alloc] (words), hashes (uint16) and lengths (uint8)
      long pool = mallocMaybe(6 * w + (w + 3) * alloc, AllocTag.raw("qstr_pool"), caller);
      if (pool == 0) {
        throw new MapModel.OutOfHeap();
      }
      long prevTotal = poolFirstQstr;
      long prevLen = poolLen;
      long qstrs = pool + 6L * w;
      ram.putWord(pool, lastPool);
      ram.putWord(pool + w, prevTotal + prevLen);
      ram.putWord(pool + 2L * w, alloc);
      ram.putWord(pool + 3L * w, 0);
      ram.putWord(pool + 4L * w, qstrs + (long) w * alloc);
      ram.putWord(pool + 5L * w, qstrs + (long) (w + 2) * alloc);
      poolFirstQstr = (int) (prevTotal + prevLen);
      lastPool = pool;
      poolAlloc = alloc;
      poolLen = 0;
      ram.putWord(state + layout.lastPool, pool);
    }
    int i = poolLen++;
    long qstrs = lastPool + 6L * w;
    ram.putWord(lastPool + 3L * w, poolLen);
    ram.putWord(qstrs + (long) w * i, string);
    ram.putU16(qstrs + (long) w * poolAlloc + 2L * i, RomQstrs.hash(bytes));
    ram.putU8(qstrs + (long) (w + 2) * poolAlloc + i, bytes.length);
    return poolFirstQstr + i;
  }

  /** The text of a qstr, ROM or RAM. */
  String qstrText(int q) {
    int rom = layout.romQstrs.count();
    return q < rom ? layout.romQstrs.text(q) : ramQstrTexts.get(q - rom);
  }

  int qstrHash(int q) {
    return RomQstrs.hash(qstrText(q).getBytes(StandardCharsets.UTF_8));
  }

  /** A qstr key for a map: the object word {@code (q << 3) | 2} of representation A. */
  MapModel.Key qstrKey(String text, List<Frame> caller) {
    int q = qstr(text, caller);
    return new MapModel.Key(((long) q << 3) | 2, text, qstrHash(q));
  }
}
