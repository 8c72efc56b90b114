package io.heapreel.testkit.generate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where everything of the synthetic firmware lives: functions and type objects in flash from
 * address 0, the ROM qstr pool, and RAM ({@code .data}, {@code mp_state_ctx}, the static heap,
 * the C stack) from 0x20000000. Shaped like the MicroPython v1.28 qemu build of the dev capture.
 * A 64-bit firmware (8-byte words) is shaped like an RV64 build under QEMU instead: RAM from
 * 0x80000000, the static heap below {@code mp_state_ctx}. The same heap size and word size always
 * give the same layout.
 *
 * <p>The offsets of {@code mp_state_ctx_t} and of the object structs are worked out here by hand
 * from the v1.28 structs for either word size, independently of the decoder's layout files.
 */
final class FirmwareLayout {
  static final long FLASH = 0x0;
  static final long RAM = 0x20000000L;
  static final long RAM_64 = 0x80000000L;
  static final int STACK_BYTES = 0x1c00;

  /** Functions that appear in backtraces, with their source file (the object file's name). */
  private static final String[][] FUNCTIONS = {
    {"main", "main"}, {"gclog_run_workload", "main"}, {"gc_collect", "main"},
    {"gc_log_change", "py/gc"}, {"gc_alloc", "py/gc"}, {"gc_free", "py/gc"}, {"gc_realloc", "py/gc"},
    {"gc_collect_start", "py/gc"}, {"gc_sweep_free_blocks", "py/gc"}, {"gc_init", "py/gc"},
    {"m_malloc", "py/malloc"}, {"m_malloc_maybe", "py/malloc"}, {"m_malloc0", "py/malloc"},
    {"m_realloc", "py/malloc"}, {"m_realloc_maybe", "py/malloc"}, {"m_free", "py/malloc"}, {"m_malloc_with_finaliser", "py/malloc"},
    {"qstr_add", "py/qstr"}, {"qstr_from_strn", "py/qstr"}, {"qstr_compute_hash", "py/qstr"},
    {"vstr_init", "py/vstr"}, {"vstr_ensure_extra", "py/vstr"}, {"vstr_add_strn", "py/vstr"},
    {"mp_map_init", "py/map"}, {"mp_map_rehash", "py/map"}, {"mp_map_lookup", "py/map"},
    {"mp_obj_malloc_helper", "py/obj"}, {"mp_obj_new_float", "py/objfloat"},
    {"mp_obj_float_binary_op", "py/objfloat"}, {"mp_obj_new_tuple", "py/objtuple"},
    {"list_new", "py/objlist"}, {"mp_obj_new_list", "py/objlist"}, {"mp_obj_list_append", "py/objlist"},
    {"list_pop", "py/objlist"}, {"mp_obj_new_dict", "py/objdict"}, {"mp_obj_dict_store", "py/objdict"},
    {"mp_obj_dict_init", "py/objdict"}, {"mp_obj_new_str_copy", "py/objstr"},
    {"mp_obj_new_str_from_vstr", "py/objstr"}, {"str_modulo_format", "py/objstr"},
    {"mp_obj_str_format", "py/objstr"}, {"mp_obj_new_bytearray", "py/objarray"},
    {"array_extend", "py/objarray"}, {"mp_obj_new_type", "py/objtype"},
    {"mp_obj_new_instance", "py/objtype"}, {"mp_obj_instance_make_new", "py/objtype"},
    {"mp_obj_instance_attr", "py/objtype"}, {"mp_obj_new_fun_bc", "py/objfun"},
    {"fun_bc_call", "py/objfun"}, {"mp_obj_new_closure", "py/objclosure"},
    {"mp_make_function_from_proto_fun", "py/emitglue"}, {"mp_make_closure_from_proto_fun", "py/emitglue"},
    {"mp_builtin___build_class__", "py/modbuiltins"}, {"mp_init", "py/runtime"},
    {"mp_store_name", "py/runtime"}, {"mp_store_attr", "py/runtime"}, {"mp_binary_op", "py/runtime"},
    {"mp_call_function_n_kw", "py/runtime"}, {"mp_execute_bytecode", "py/vm"},
    {"py_gc_collect", "py/modgc"}, {"mp_compile", "py/compile"}, {"compile_scope", "py/compile"},
    {"mp_emit_bc_end_pass", "py/emitbc"}, {"mp_parse", "py/parse"}, {"push_result_token", "py/parse"},
    {"mp_obj_new_module", "py/objmodule"}, {"Reset_Handler", "mcu/arm/startup"},
    {"mp_compile_to_raw_code", "py/compile"}, {"mp_obj_str_binary_op", "py/objstr"},
    {"vstr_init_print", "py/vstr"}, {"mp_obj_new_cell", "py/objcell"}, {"mp_obj_list_init", "py/objlist"},
    {"gc_collect_end", "py/gc"},
  };

  /** Built-in types the workload uses or a decoder may meet; sizes follow their slot counts. */
  static final String[][] TYPES = {
    {"type", "py/objtype"}, {"object", "py/objobject"}, {"dict", "py/objdict"},
    {"str", "py/objstrunicode"}, {"list", "py/objlist"}, {"tuple", "py/objtuple"},
    {"bytearray", "py/objarray"}, {"float", "py/objfloat"}, {"fun_bc", "py/objfun"},
    {"closure", "py/objclosure"}, {"module", "py/objmodule"}, {"bound_meth", "py/objboundmeth"},
    {"NoneType", "py/objnone"}, {"bool", "py/objbool"}, {"int", "py/objint"},
    {"property", "py/objproperty"}, {"bytes", "py/objstr"}, {"fun_builtin_1", "py/objfun"},
    {"cell", "py/objcell"},
  };

  private final List<FirmwareSymbol> symbols = new ArrayList<>();
  private final Map<String, FirmwareSymbol> byName = new LinkedHashMap<>();
  final RomQstrs romQstrs;
  final long textEnd;
  final long romEnd;
  final long stateCtx;
  final long heapStart;
  final long heapEnd;
  final long ebss;
  final long estack;
  /** Bytes of a machine word. */
  final int w;
  final long ramBase;
  // mp_state_ctx_t: mp_state_thread_t (nine words), mp_state_vm_t, mp_state_mem_t
  final int gcLockDepth;
  final int dictLocals;
  final int lastPool;
  final int loadedModules;
  final int dictMain;
  final int sysArgv;
  final int sysPath;
  final int qstrLastChunk;
  final int qstrLastAlloc;
  final int qstrLastUsed;
  final int memArea;
  /** MICROPY_GC_SPLIT_HEAP: the heap array is two areas, and an area descriptor starts with {@code next}. */
  final boolean splitHeap;
  final int gcAutoCollect;
  final int gcAllocThreshold;
  final int stateSize;
  // mp_obj_type_t: base, flags, name, twelve slot index bytes, slots[]
  final int typeName;
  final int typeSlots;

  FirmwareLayout(int heapBytes) {
    this(heapBytes, 4);
  }

  FirmwareLayout(int heapBytes, int wordSize) {
    this(heapBytes, wordSize, false);
  }

  FirmwareLayout(int heapBytes, int wordSize, boolean splitHeap) {
    w = wordSize;
    this.splitHeap = splitHeap;
    ramBase = w == 4 ? RAM : RAM_64;
    gcLockDepth = 2 * w;
    dictLocals = 3 * w;
    int vm = 9 * w;
    lastPool = vm;
    // last_pool, the emergency exception (4 words), its buffer, the keyboard exception (4 words)
    loadedModules = vm + 10 * w;
    dictMain = loadedModules + 4 * w;
    // builtins override, readline_hist[8]
    sysArgv = dictMain + 4 * w + w + 8 * w;
    // the argv list (4 words), persistent_code_root_pointers, sys_mutable[0] is sys.path
    sysPath = sysArgv + 4 * w + w;
    // sys_mutable[3], sched_queue[4] (2 words each), vfs_cur, vfs_mount_table
    qstrLastChunk = sysPath + 3 * w + 8 * w + 2 * w;
    qstrLastAlloc = qstrLastChunk + w;
    qstrLastUsed = qstrLastAlloc + w;
    // mp_optimise_value, default_emit_opt (padded), emergency buffer size, sched state/len/idx, map_lookup_cache[128]
    int mem = align(qstrLastUsed + 4 * w + 4 + 128, w);
    memArea = mem + 3 * w;
    // the area (7 words, 8 with next), gc_stack_overflow (int), gc_block_stack[64]
    gcAutoCollect = align(memArea + (splitHeap ? 8 : 7) * w + 4, w) + 64 * w;
    gcAllocThreshold = align(gcAutoCollect + 2, w) + w;
    stateSize = gcAllocThreshold + w;
    typeName = w + 2;
    typeSlots = align(w + 4 + 12, w);
    romQstrs = new RomQstrs();
    linker("_sfixed", FLASH);
    long at = FLASH;
    add("isr_vector", at, 0x40, ".isr_vector", "mcu/arm/startup", FirmwareSymbol.Kind.OBJECT);
    at += 0x40;
    for (int i = 0; i < FUNCTIONS.length; i++) {
      // sizes vary like real functions; fixed, so every capture shares one firmware per heap size
      long size = 0x60 + ((i * 0x9e3779b1L) >>> 7) % 0x1a0 & ~1L;
      add(FUNCTIONS[i][0], at, size, ".text." + FUNCTIONS[i][0], FUNCTIONS[i][1], FirmwareSymbol.Kind.FUNC);
      at += size;
    }
    textEnd = at;
    at = align(at, w);
    for (String[] t : TYPES) {
      long size = 0x24 + (t[0].length() % 5) * 4;
      add("mp_type_" + t[0], at, size, ".rodata.mp_type_" + t[0], t[1], FirmwareSymbol.Kind.OBJECT);
      at += size;
    }
    at = align(at + 2, w); // a 2-byte fill before the pool, as in the real map
    int n = romQstrs.count();
    add("mp_qstr_const_pool", at, 6L * w + (long) w * n, ".rodata.mp_qstr_const_pool", "py/qstr", FirmwareSymbol.Kind.OBJECT);
    at += 6L * w + (long) w * n;
    add("mp_qstr_const_lengths", at, n, ".rodata.mp_qstr_const_lengths", "py/qstr", FirmwareSymbol.Kind.OBJECT);
    at = align(at + n, 4);
    add("mp_qstr_const_hashes", at, 2L * n, ".rodata.mp_qstr_const_hashes", "py/qstr", FirmwareSymbol.Kind.OBJECT);
    at = align(at + 2L * n, 4);
    add("mp_qstr_const_strings", at, romQstrs.stringBytes(), ".rodata.str1.1", "py/qstr", FirmwareSymbol.Kind.OBJECT);
    at = align(at + romQstrs.stringBytes(), 4);
    romEnd = at;
    linker("_etext", romEnd);
    linker("_sidata", romEnd);

    long ram = ramBase;
    linker("_srelocate", ram);
    linker("_sdata", ram);
    add("yasmarang_d", ram, 4, ".data.yasmarang_d", "extmod/modrandom", FirmwareSymbol.Kind.OBJECT);
    add("yasmarang_n", ram + 4, 4, ".data.yasmarang_n", "extmod/modrandom", FirmwareSymbol.Kind.OBJECT);
    add("yasmarang_pad", ram + 8, 4, ".data.yasmarang_pad", "extmod/modrandom", FirmwareSymbol.Kind.OBJECT);
    add("mp_interrupt_char", ram + 12, 4, ".data.mp_interrupt_char", "shared/runtime/interrupt_char", FirmwareSymbol.Kind.OBJECT);
    linker("_edata", ram + 16);
    linker("_sbss", ram + 16);
    long afterHeap;
    if (w == 4) {
      stateCtx = ram + 16;
      add("mp_state_ctx", stateCtx, stateSize, ".bss.mp_state_ctx", "py/mpstate", FirmwareSymbol.Kind.OBJECT);
      long counter = stateCtx + stateSize;
      add("gc_log_change_counter", counter, 4, ".bss.gc_log_change_counter", "py/gc", FirmwareSymbol.Kind.OBJECT);
      heapStart = align(counter + 4, 16);
      heapEnd = heapStart + heapBytes;
      // the static heap array: named only by its input section, as in the real map
      add("heap", heapStart, heapBytes, ".bss.heap", "main", FirmwareSymbol.Kind.OBJECT);
      afterHeap = heapEnd;
    } else {
      // the heap first, the VM state (with the area descriptor) after it
      heapStart = align(ram + 16, 16);
      heapEnd = heapStart + heapBytes;
      add("heap", heapStart, heapBytes, ".bss.heap", "main", FirmwareSymbol.Kind.OBJECT);
      stateCtx = align(heapEnd, w);
      add("mp_state_ctx", stateCtx, stateSize, ".bss.mp_state_ctx", "py/mpstate", FirmwareSymbol.Kind.OBJECT);
      long counter = stateCtx + stateSize;
      add("gc_log_change_counter", counter, 4, ".bss.gc_log_change_counter", "py/gc", FirmwareSymbol.Kind.OBJECT);
      afterHeap = align(counter + 4, w);
    }
    add("rl", afterHeap, 0x1c, ".bss.rl", "shared/readline/readline", FirmwareSymbol.Kind.OBJECT);
    add("pyexec_mode_kind", afterHeap + 0x1c, 1, ".bss.pyexec_mode_kind", "shared/runtime/pyexec", FirmwareSymbol.Kind.OBJECT);
    ebss = align(afterHeap + 0x1d, 4);
    linker("_ebss", ebss);
    estack = align(ebss + STACK_BYTES, 0x400);
    linker("_estack", estack);
  }

  private static int align(int x, int to) {
    return (x + to - 1) / to * to;
  }

  private static long align(long x, long to) {
    return (x + to - 1) & -to;
  }

  private void add(String name, long address, long size, String section, String object, FirmwareSymbol.Kind kind) {
    FirmwareSymbol s = new FirmwareSymbol(name, address, size, section, "build-gen/" + object + ".o", kind);
    symbols.add(s);
    byName.put(name, s);
  }

  private void linker(String name, long address) {
    add(name, address, 0, "", "", FirmwareSymbol.Kind.LINKER);
  }

  List<FirmwareSymbol> symbols() {
    return Collections.unmodifiableList(symbols);
  }

  FirmwareSymbol symbol(String name) {
    FirmwareSymbol s = byName.get(name);
    if (s == null) {
      throw new IllegalArgumentException("the synthetic firmware has no symbol " + name);
    }
    return s;
  }

  long address(String name) {
    return symbol(name).address();
  }

  long type(String name) {
    return address("mp_type_" + name);
  }

  long ramBytes() {
    return estack - ramBase;
  }

  /** An address as the map prints it: 8 hex digits on a 32-bit target, 16 on a 64-bit one. */
  String hex(long address) {
    return String.format(w == 4 ? "0x%08x" : "0x%016x", address);
  }

  /** {@code <name+off>} as gdb annotates a pointer, or empty outside every named object. */
  String describe(long address) {
    for (FirmwareSymbol s : symbols) {
      if (s.kind() != FirmwareSymbol.Kind.LINKER && address >= s.address() && address < s.address() + s.size()) {
        long off = address - s.address();
        return off == 0 ? " <" + s.name() + ">" : " <" + s.name() + "+" + off + ">";
      }
    }
    return "";
  }
}
