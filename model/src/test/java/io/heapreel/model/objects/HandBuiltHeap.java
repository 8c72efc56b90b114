package io.heapreel.model.objects;

import io.heapreel.model.capture.RamSpan;
import io.heapreel.model.capture.Snapshot;
import io.heapreel.model.capture.Symbol;
import io.heapreel.model.capture.SymbolTable;
import io.heapreel.model.heap.BuiltinTypes;
import io.heapreel.model.heap.HeapArea;
import io.heapreel.model.heap.HeapLocation;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A 32-bit MicroPython v1.2x RAM image built by hand: mp_state_ctx at 0x20000010, the allocation
 * table at 0x20000400, a 128-block pool at 0x20000800, the C stack from _ebss = 0x20001800 to
 * 0x20002000, built-in type objects at made-up ROM addresses. Allocations are laid out one after the
 * other; what each one is comes from the test that writes it, so the answers are known.
 */
final class HandBuiltHeap {
  static final long RAM = 0x20000000L;
  static final long RAM_END = 0x20002000L;
  static final long STATE = 0x20000010L;
  static final long EBSS = 0x20001800L;
  static final HeapArea AREA = new HeapArea(0x20000400L, 32, 0, 0x20000800L, 0x20001000L, 4);
  static final long TYPE = 0x1000;
  static final long DICT = 0x1020;
  static final long STR = 0x1040;
  static final long LIST = 0x1060;
  static final long FLOAT = 0x1080;

  private final ByteBuffer bytes = ByteBuffer.allocate((int) (RAM_END - RAM)).order(ByteOrder.LITTLE_ENDIAN);
  private int nextBlock;

  HandBuiltHeap() {
    // the VM state's inline dicts, which layout detection looks for
    word(STATE + 76, DICT);
    word(STATE + 92, DICT);
  }

  /** Allocates the next {@code blocks} blocks (head + tails) and returns the address. */
  long alloc(int blocks) {
    int b = nextBlock;
    state(b, 1);
    for (int t = 1; t < blocks; t++) {
      state(b + t, 2);
    }
    nextBlock += blocks;
    return AREA.blockAddress(b);
  }

  private void state(int block, int state) {
    int at = (int) (AREA.atbStart() - RAM + block / 4);
    bytes.put(at, (byte) (bytes.get(at) | (state << (2 * (block % 4)))));
  }

  HandBuiltHeap word(long address, long value) {
    bytes.putInt((int) (address - RAM), (int) value);
    return this;
  }

  HandBuiltHeap words(long address, long... values) {
    for (int i = 0; i < values.length; i++) {
      word(address + 4L * i, values[i]);
    }
    return this;
  }

  HandBuiltHeap u16(long address, int value) {
    bytes.putShort((int) (address - RAM), (short) value);
    return this;
  }

  HandBuiltHeap u8(long address, int value) {
    bytes.put((int) (address - RAM), (byte) value);
    return this;
  }

  HandBuiltHeap text(long address, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < b.length; i++) {
      bytes.put((int) (address - RAM) + i, b[i]);
    }
    return this;
  }

  static long qstr(int q) {
    return ((long) q << 3) | 2;
  }

  static long smallInt(int v) {
    return ((long) v << 1) | 1;
  }

  Snapshot snapshot() {
    return new Snapshot(0, RAM, bytes.duplicate());
  }

  static SymbolTable symbols() {
    List<Symbol> s = new ArrayList<>();
    s.add(new Symbol("mp_state_ctx", STATE, 684, ".bss"));
    s.add(new Symbol("_ebss", EBSS, 0, ""));
    s.add(new Symbol("mp_type_type", TYPE, 32, ".rodata"));
    s.add(new Symbol("mp_type_dict", DICT, 32, ".rodata"));
    s.add(new Symbol("mp_type_str", STR, 32, ".rodata"));
    s.add(new Symbol("mp_type_list", LIST, 32, ".rodata"));
    s.add(new Symbol("mp_type_float", FLOAT, 32, ".rodata"));
    return new SymbolTable("hand-built.map", s);
  }

  static ObjectInspector inspector(Layout layout) {
    SymbolTable symbols = symbols();
    return new ObjectInspector(symbols, BuiltinTypes.from(symbols),
        new HeapLocation(List.of(AREA), HeapLocation.Method.EXPLICIT, ""), new RamSpan(RAM, RAM_END), null, 4, layout);
  }
}
