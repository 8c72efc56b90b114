package io.heapreel.testkit.generate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A sensor-logger program, run against the simulated runtime the way the firmware would run it:
 * {@code mp_init} sets up the module dicts and {@code sys.path}; parsing interns names; compiling
 * leaves bytecode; the module body defines functions, two classes (one with {@code __del__}, so
 * its instances carry the finaliser bit) and long-lived globals in {@code dict_main}; then ticks
 * churn objects: readings as tuples of floats appended to a list and dropped from its front,
 * formatted strings through a vstr, a cache dict with str keys, sensor instances, a growing
 * bytearray, closures, new qstrs, and an occasional {@code gc.collect()}. Every object is a real
 * v1.28 struct with real pointers, so the collector's mark phase finds exactly what is live.
 */
final class Workload {
  private static final String VM_C = "../../py/vm.c";
  private static final String CODE_STATE = "code_state=code_state@entry=0x%x, inject_exc=inject_exc@entry=0x0 <isr_vector>";

  private final MpRuntime rt;
  private final Image ram;
  private final FirmwareLayout fw;
  private final SplittableRandom random;
  private final int cap;
  private final MapModel globals;
  private final PyObjects py;
  private long moduleFun;
  private final List<Long> bytecode = new ArrayList<>();
  private long sensorClass;
  private long logClass;
  private int tick;
  private final int w;

  Workload(MpRuntime rt, long seed) {
    this.rt = rt;
    this.ram = rt.ram;
    this.fw = rt.layout;
    this.w = rt.w;
    this.random = new SplittableRandom(seed);
    this.cap = Math.max(4, rt.gc.blocks / 48);
    this.globals = new MapModel(rt, rt.state + fw.dictMain + w);
    this.py = new PyObjects(rt);
  }

  /** Runs until the listener ends the capture. */
  void run() {
    init();
    List<Frame> run = module();
    for (;;) {
      tick++;
      long mark = rt.stack.mark();
      try {
        if (tick % 8 == 0) {
          collect(run); // the program's main loop calls gc.collect() now and then
        } else {
          step(run);
        }
      } catch (MapModel.OutOfHeap e) {
        rt.stack.popTo(mark);
        relieve(run);
      }
      rt.stack.popTo(mark);
    }
  }

  // ---- call chains -------------------------------------------------------------------------

  private static List<Frame> main(int line) {
    return List.of(Frame.at("main", "argc=<optimized out>, argv=<optimized out>", "main.c", line));
  }

  private List<Frame> vm(int line, List<Frame> outer) {
    return Frame.chain(List.of(Frame.at("mp_execute_bytecode", String.format(CODE_STATE, rt.stack.top() - 0x90), VM_C, line)), outer);
  }

  private List<Frame> call(long fun, List<Frame> outer) {
    return Frame.chain(
        List.of(
            Frame.at("mp_execute_bytecode", String.format(CODE_STATE, rt.stack.sp() - 0x40), VM_C, 1069),
            Frame.at("fun_bc_call", "self_in=" + rt.log.pointer(fun) + ", n_args=1, n_kw=0, args=" + rt.log.pointer(rt.stack.sp() - 0x20), "../../py/objfun.c", 294)),
        outer);
  }

  private static List<Frame> with(List<Frame> outer, Frame... inner) {
    return Frame.chain(List.of(inner), outer);
  }

  // ---- start-up: mp_init, parse, compile, module body -------------------------------------

  private void init() {
    List<Frame> init = with(main(77), Frame.at("mp_init", "", "../../py/runtime.c", 111));
    long st = rt.state;
    // what the start-up code left on the C stack: return addresses and a few small values
    rt.stack.push(fw.address("Reset_Handler") + 0x1b);
    rt.stack.push(fw.address("main") + 0x4b);
    rt.stack.push(0);
    rt.stack.push(fw.address("gclog_run_workload") + 0x31);
    rt.stack.push(0x2a);
    long dictMain = st + fw.dictMain;
    long loaded = st + fw.loadedModules;
    ram.putWord(st, rt.stack.top());
    ram.putWord(st + w, 6144); // stack_limit
    ram.putWord(st + fw.dictLocals, dictMain);
    ram.putWord(st + fw.dictLocals + w, dictMain); // dict_globals
    ram.putWord(loaded, fw.type("dict"));
    new MapModel(rt, loaded + w).init(3, with(init, Frame.at("mp_obj_dict_init", "dict=dict@entry=" + rt.log.pointer(loaded) + ", n_args=n_args@entry=3", "../../py/objdict.c", 646)));
    ram.putWord(dictMain, fw.type("dict"));
    globals.init(1, with(init, Frame.at("mp_obj_dict_init", "dict=dict@entry=" + rt.log.pointer(dictMain) + ", n_args=n_args@entry=1", "../../py/objdict.c", 646)));
    long path = py.newList(0, with(main(77), Frame.at("mp_init", "", "../../py/runtime.c", 144)));
    long argv = st + fw.sysArgv;
    ram.putWord(st + fw.sysPath, path);
    ram.putWord(argv, fw.type("list"));
    long argvItems = rt.malloc(4 * w, AllocTag.raw("list_items"), with(main(77), Frame.at("mp_obj_list_init", "o=o@entry=" + rt.log.pointer(argv) + ", n=n@entry=0", "../../py/objlist.c", 468), Frame.at("mp_init", "", "../../py/runtime.c", 146)));
    ram.putWord(argv + w, 4);
    ram.putWord(argv + 3L * w, argvItems);
    globals.put(rt.qstrKey("__name__", init), ((long) rt.qstr("__main__", init) << 3) | 2, init);
  }

  private List<Frame> module() {
    List<Frame> parse =
        with(
            main(80),
            Frame.at("push_result_token", "parser=parser@entry=0x" + Long.toHexString(rt.stack.top() - 0xb4) + ", rule_id=rule_id@entry=56 '8'", "../../py/parse.c", 602),
            Frame.at("mp_parse", "lex=lex@entry=0x" + Long.toHexString(rt.stack.top() - 0xc0) + ", input_kind=input_kind@entry=MP_PARSE_FILE_INPUT", "../../py/parse.c", 1165),
            Frame.at("gclog_run_workload", "", "main.c", 61));
    for (String name : List.of("Sensor", "LogFile", "readings", "settings", "cache", "buf", "fmt", "sensors", "log", "make_formatter", "tick", "history", "scale", "prefix", "unit", "count", "read")) {
      rt.qstr(name, parse);
    }
    List<Frame> compile =
        with(
            main(80),
            Frame.at("mp_emit_bc_end_pass", "emit=0x" + Long.toHexString(rt.stack.top() - 0xa4), "../../py/emitbc.c", 394),
            Frame.at("compile_scope", "comp=0x" + Long.toHexString(rt.stack.top() - 0xd8) + ", scope=<optimized out>, pass=<optimized out>", "../../py/compile.c", 3085),
            Frame.at("mp_compile", "parse_tree=parse_tree@entry=0x" + Long.toHexString(rt.stack.top() - 0x58) + ", source_file=source_file@entry=376, is_repl=is_repl@entry=false", "../../py/compile.c", 3693),
            Frame.at("gclog_run_workload", "", "main.c", 62));
    long context = rt.malloc(2 * w, AllocTag.named("module", "__main__"), with(compile.subList(2, compile.size()), Frame.at("mp_compile_to_raw_code", "cm=<synthetic pointer>, is_repl=<optimized out>, source_file=<optimized out>, parse_tree=<optimized out>", "../../py/compile.c", 3476)));
    ram.putWord(context, fw.type("module"));
    ram.putWord(context + w, rt.state + fw.dictMain);
    rt.stack.push(context);
    for (int i = 0; i < 9; i++) {
      int size = 24 + random.nextInt(i == 0 ? 400 : 120);
      long code = rt.malloc0(size, AllocTag.raw("bytecode"), compile);
      fillBytecode(code, size);
      bytecode.add(code);
      rt.stack.push(code); // the compiler's raw code, then the running frames, keep it
    }
    moduleFun = py.newFun(context, bytecode.get(0), "<module>", with(main(80), Frame.at("gclog_run_workload", "", "main.c", 63)));
    rt.stack.push(moduleFun);
    List<Frame> run =
        with(main(80), Frame.at("fun_bc_call", "self_in=" + rt.log.pointer(moduleFun) + ", n_args=0, n_kw=0, args=0x0 <isr_vector>", "../../py/objfun.c", 294), Frame.at("gclog_run_workload", "", "main.c", 63));
    storeGlobal("make_formatter", py.newFun(context, bytecode.get(1), "make_formatter", defineSite(run)), vm(1207, run));
    sensorClass = newClass("Sensor", context, List.of("__init__", "read"), 2, vm(984, run));
    storeGlobal("Sensor", sensorClass, vm(1207, run));
    logClass = newClass("LogFile", context, List.of("__init__", "write", "__del__"), 5, vm(984, run));
    storeGlobal("LogFile", logClass, vm(1207, run));
    long settings = py.newDict(vm(919, run));
    storeGlobal("settings", settings, vm(1207, run));
    for (String k : List.of("scale", "unit", "count")) {
      long v = py.newFloat(random.nextInt(1000) / 10f, vm(919, run));
      rt.stack.push(v);
      py.dictStore(settings, rt.qstrKey(k, run), v, vm(1259, run));
    }
    storeGlobal("readings", py.newList(0, vm(916, run)), vm(1207, run));
    storeGlobal("cache", py.newDict(vm(919, run)), vm(1207, run));
    storeGlobal("sensors", py.newList(0, vm(916, run)), vm(1207, run));
    storeGlobal("buf", py.newBytearray(16, vm(984, run)), vm(1207, run));
    storeGlobal("log", newLogFile(run), vm(1207, run));
    storeGlobal("fmt", newFormatter(run), vm(1207, run));
    return run;
  }

  private void fillBytecode(long code, int size) {
    byte[] b = new byte[size];
    random.nextBytes(b);
    b[0] = (byte) (random.nextInt(4) + 1); // prelude: n_state-ish signature byte
    b[size - 1] = 0x5b; // RETURN_VALUE
    ram.putBytes(code, b);
  }

  private List<Frame> defineSite(List<Frame> run) {
    return vm(1133, run);
  }

  // ---- one tick ----------------------------------------------------------------------------

  private void step(List<Frame> run) {
    int op = random.nextInt(100);
    if (op < 28) {
      reading(run);
    } else if (op < 48) {
      label(run);
    } else if (op < 58) {
      newSensor(run);
    } else if (op < 68) {
      growBuffer(run);
    } else if (op < 76) {
      setting(run);
    } else if (op < 82) {
      storeGlobal("fmt", newFormatter(run), vm(1207, run));
    } else if (op < 86) {
      storeGlobal("log", newLogFile(run), vm(1207, run));
    } else if (op < 90) {
      storeGlobal("cache", py.newDict(vm(919, run)), vm(1207, run));
    } else {
      temporaries(run);
    }
  }

  private void relieve(List<Frame> run) {
    storeGlobal("readings", py.newList(0, vm(916, run)), vm(1207, run));
    storeGlobal("cache", py.newDict(vm(919, run)), vm(1207, run));
    storeGlobal("sensors", py.newList(0, vm(916, run)), vm(1207, run));
    collect(run);
  }

  private void collect(List<Frame> run) {
    rt.gc.collect(with(vm(1069, run), Frame.at("gc_collect", "", "main.c", 105), Frame.at("py_gc_collect", "", "../../py/modgc.c", 35)));
  }

  private void reading(List<Frame> run) {
    List<Frame> here = vm(1096, run);
    long value = py.newFloat(random.nextInt(4000) / 100f - 10, with(here, Frame.at("mp_obj_float_binary_op", "op=MP_BINARY_OP_MULTIPLY, lhs_val=<optimized out>, rhs_in=<optimized out>", "../../py/objfloat.c", 323)));
    rt.stack.push(value);
    long tuple = py.newTuple(new long[] {py.small(tick % 3), value}, vm(1301, run));
    rt.stack.push(tuple);
    long readings = global("readings");
    py.listAppend(readings, tuple, vm(1148, run));
    if (py.listLen(readings) > cap) {
      py.listPop(readings, 0, vm(1148, run));
    }
  }

  private void label(List<Frame> run) {
    String text = String.format("%s %.2f%s", pick("temp", "humidity", "light", "pressure"), random.nextInt(10000) / 100.0, "C".repeat(1 + random.nextInt(3)));
    if (random.nextInt(4) == 0) {
      text = text + " " + "#".repeat(random.nextInt(40));
    }
    long value = formatted(text, run);
    rt.stack.push(value);
    long key = py.newStr("k" + random.nextInt(cap * 2), vm(1030, run));
    rt.stack.push(key);
    long cache = global("cache");
    MapModel map = py.mapOf(cache);
    String keyText = py.strText(key);
    MapModel.Key k = map.contains(keyText) ? map.key(keyText) : new MapModel.Key(key, keyText, (int) ram.word(key + w));
    py.dictStore(cache, k, value, vm(1259, run));
    if (map.size() > cap) {
      map.remove(map.keys().get(0));
    }
  }

  private void newSensor(List<Frame> run) {
    List<Frame> make =
        with(vm(984, run), Frame.at("mp_obj_instance_make_new", "self=" + rt.log.pointer(sensorClass) + ", n_args=1, n_kw=0, args=" + rt.log.pointer(rt.stack.sp() - 0x18), "../../py/objtype.c", 307));
    long self = rt.objMalloc(4 * w, sensorClass, AllocTag.object("Sensor"),
        with(make, Frame.at("mp_obj_new_instance", "class=class@entry=" + rt.log.pointer(sensorClass) + ", native_base=native_base@entry=0x0 <isr_vector>", "../../py/objtype.c", 104)));
    rt.stack.push(self);
    MapModel members = new MapModel(rt, self + w);
    rt.gc.tags[rt.gc.blockOf(self)] = new AllocTag("Sensor", "object", null, members);
    List<Frame> init = with(make, Frame.at("mp_call_function_n_kw", "fun_in=<optimized out>, n_args=1, n_kw=0, args=<optimized out>", "../../py/runtime.c", 717));
    init = call(classMethod(sensorClass, "__init__"), init);
    List<Frame> store = with(init, Frame.at("mp_store_attr", "base=" + rt.log.pointer(self) + ", attr=<optimized out>, value=<optimized out>", "../../py/runtime.c", 1186));
    long name = py.newStr(pick("temp", "humidity", "light", "pressure") + tick, init);
    rt.stack.push(name);
    members.put(rt.qstrKey("name", init), name, store);
    long value = py.newFloat(random.nextInt(1000) / 10f, init);
    rt.stack.push(value);
    members.put(rt.qstrKey("value", init), value, store);
    members.put(rt.qstrKey("count", init), py.small(tick), store);
    long sensors = global("sensors");
    py.listAppend(sensors, self, vm(1148, run));
    if (py.listLen(sensors) > cap / 2) {
      py.listPop(sensors, random.nextInt(py.listLen(sensors)), vm(1148, run));
    }
  }

  private void growBuffer(List<Frame> run) {
    long buf = global("buf");
    int len = (int) ram.word(buf + 2L * w);
    if (len > cap * 6) {
      storeGlobal("buf", py.newBytearray(16, vm(984, run)), vm(1207, run));
      return;
    }
    int add = 4 + random.nextInt(28);
    long items = ram.word(buf + 3L * w);
    List<Frame> here = Frame.chain(List.of(Frame.at("array_extend", "self_in=" + rt.log.pointer(buf) + ", arg_in=<optimized out>", "../../py/objarray.c", 415),
        Frame.at("mp_binary_op", "op=MP_BINARY_OP_INPLACE_ADD, lhs=" + rt.log.pointer(buf) + ", rhs=<optimized out>", "../../py/runtime.c", 594)), vm(1096, run));
    long grown = rt.realloc(items, len, len + add, here);
    byte[] data = new byte[add];
    random.nextBytes(data);
    ram.putBytes(grown + len, data);
    ram.putWord(buf + 2L * w, len + add);
    ram.putWord(buf + 3L * w, grown);
  }

  private void setting(List<Frame> run) {
    long settings = global("settings");
    String key = "opt_" + random.nextInt(cap);
    MapModel.Key k = rt.qstrKey(key, with(vm(1259, run), Frame.at("mp_obj_dict_store", "self_in=" + rt.log.pointer(settings) + ", key=<optimized out>, value=<optimized out>", "../../py/objdict.c", 609)));
    long v = py.newFloat(random.nextInt(1000) / 10f, vm(919, run));
    rt.stack.push(v);
    py.dictStore(settings, k, v, vm(1259, run));
    if (py.mapOf(settings).size() > cap / 2 + 3) {
      py.mapOf(settings).remove(py.mapOf(settings).keys().get(3));
    }
  }

  private void temporaries(List<Frame> run) {
    int n = 1 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      long f = py.newFloat(random.nextInt(100), vm(1096, run));
      rt.stack.push(f);
      if (random.nextBoolean()) {
        py.newTuple(new long[] {f, py.small(i)}, vm(1301, run));
      }
    }
    formatted("tmp " + tick, run);
  }

  // ---- objects ----------------------------------------------------------------------------

  private String pick(String... options) {
    return options[random.nextInt(options.length)];
  }

  private long global(String name) {
    long table = globals.table();
    int alloc = globals.alloc();
    MapModel.Key key = globals.key(name);
    for (int i = 0; i < alloc; i++) {
      if (ram.word(table + 2L * w * i) == key.word()) {
        return ram.word(table + 2L * w * i + w);
      }
    }
    throw new IllegalStateException("no global " + name);
  }

  private void storeGlobal(String name, long value, List<Frame> caller) {
    long mark = rt.stack.mark();
    rt.stack.push(value);
    MapModel.Key key = rt.qstrKey(name, caller);
    globals.put(key, value, with(caller, Frame.at("mp_store_name", "qst=<optimized out>, obj=" + rt.log.pointer(value), "../../py/runtime.c", 217)));
    rt.stack.popTo(mark);
  }

  /** {@code "%s" % x}: a vstr buffer grown as needed, shrunk to fit, then owned by a new str. */
  private long formatted(String text, List<Frame> run) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<Frame> op = with(vm(1096, run), Frame.at("mp_binary_op", "op=MP_BINARY_OP_MODULO, lhs=<optimized out>, rhs=<optimized out>", "../../py/runtime.c", 677));
    List<Frame> fmt = Frame.chain(List.of(Frame.at("str_modulo_format", "pattern=<optimized out>, n_args=1, args=<optimized out>, dict=0x0 <isr_vector>", "../../py/objstr.c", 1517),
        Frame.at("mp_obj_str_binary_op", "op=<optimized out>, lhs_in=<optimized out>, rhs_in=<optimized out>", "../../py/objstr.c", 314)), op);
    long vstr = rt.stack.sp() - 0x20;
    int alloc = 16;
    long buf = rt.malloc(alloc, AllocTag.raw("vstr_buffer"),
        with(fmt, Frame.at("vstr_init", "vstr=vstr@entry=0x" + Long.toHexString(vstr) + ", alloc=alloc@entry=16", "../../py/vstr.c", 44), Frame.at("vstr_init_print", "vstr=vstr@entry=0x" + Long.toHexString(vstr) + ", alloc=alloc@entry=16, print=print@entry=0x" + Long.toHexString(vstr - 8), "../../py/vstr.c", 71)));
    if (buf == 0) {
      throw new MapModel.OutOfHeap();
    }
    long slot = rt.stack.push(buf);
    if (bytes.length + 1 > alloc) {
      int grown = bytes.length + 16;
      buf = rt.realloc(buf, alloc, grown,
          with(fmt, Frame.at("vstr_ensure_extra", "vstr=vstr@entry=0x" + Long.toHexString(vstr) + ", size=size@entry=" + bytes.length, "../../py/vstr.c", 97),
              Frame.at("vstr_add_strn", "vstr=0x" + Long.toHexString(vstr) + ", str=<optimized out>, len=" + bytes.length, "../../py/vstr.c", 174)));
      ram.putWord(slot, buf);
      alloc = grown;
    }
    ram.putBytes(buf, bytes);
    List<Frame> fromVstr = with(op, Frame.at("mp_obj_new_str_from_vstr", "vstr=vstr@entry=0x" + Long.toHexString(vstr), "../../py/objstr.c", 2253));
    if (alloc != bytes.length + 1) {
      buf = rt.realloc(buf, alloc, bytes.length + 1, fromVstr);
      ram.putWord(slot, buf);
    }
    ram.putU8(buf + bytes.length, 0);
    long s = rt.objMalloc(16, fw.type("str"), AllocTag.object("str"), with(op, Frame.at("mp_obj_new_str_from_vstr", fromVstr.get(0).args(), "../../py/objstr.c", 2258)));
    rt.gc.tags[rt.gc.blockOf(buf)] = AllocTag.raw("str_data");
    ram.putWord(s + w, RomQstrs.hash(bytes));
    ram.putWord(s + 2L * w, bytes.length);
    ram.putWord(s + 3L * w, buf);
    return s;
  }

  /** {@code class NAME:} through {@code __build_class__}: locals dict, methods, then the type. */
  private long newClass(String name, long context, List<String> methods, int firstCode, List<Frame> caller) {
    List<Frame> build = with(caller, Frame.at("mp_builtin___build_class__", "n_args=2, args=" + rt.log.pointer(rt.stack.sp() - 0x10), "../../py/modbuiltins.c", 54));
    long locals = py.newDict(build);
    long mark = rt.stack.mark();
    rt.stack.push(locals);
    List<Frame> body = call(moduleFun, build);
    for (int i = 0; i < methods.size(); i++) {
      long fun = py.newFun(ram.word(moduleFun + w), bytecode.get(Math.min(firstCode + i, bytecode.size() - 1)), name + "." + methods.get(i), vm(1133, body));
      rt.stack.push(fun);
      py.dictStore(locals, rt.qstrKey(methods.get(i), body), fun, with(body.subList(1, body.size()), Frame.at("mp_execute_bytecode", body.get(0).args(), VM_C, 1207)));
    }
    int q = rt.qstr(name, build);
    long type = rt.malloc0(fw.typeSlots + 4 * w, AllocTag.named("type", name), with(build, Frame.at("mp_obj_new_type", "name=" + q + ", bases_tuple=<optimized out>, locals_dict=" + rt.log.pointer(locals), "../../py/objtype.c", 1174)));
    if (type == 0) {
      throw new MapModel.OutOfHeap();
    }
    ram.putWord(type, fw.type("type"));
    long slotIndex = type + w + 4; // after base, flags and name: make_new, print, call, ..., parent, locals_dict
    long slots = type + fw.typeSlots;
    ram.putU16(type + w, 0);
    ram.putU16(type + fw.typeName, q);
    ram.putU8(slotIndex, 1); // make_new -> slots[0]
    ram.putU8(slotIndex + 5, 2); // attr -> slots[1]
    ram.putU8(slotIndex + 10, 3); // parent -> slots[2]
    ram.putU8(slotIndex + 11, 4); // locals_dict -> slots[3]
    ram.putWord(slots, fw.address("mp_obj_instance_make_new") | 1);
    ram.putWord(slots + w, fw.address("mp_obj_instance_attr") | 1);
    ram.putWord(slots + 2L * w, fw.type("object"));
    ram.putWord(slots + 3L * w, locals);
    rt.stack.popTo(mark);
    return type;
  }

  private long classMethod(long type, String method) {
    long locals = ram.word(type + fw.typeSlots + 3L * w);
    MapModel map = py.mapOf(locals);
    MapModel.Key key = map.key(method);
    long table = map.table();
    for (int i = 0; i < map.alloc(); i++) {
      if (ram.word(table + 2L * w * i) == key.word()) {
        return ram.word(table + 2L * w * i + w);
      }
    }
    throw new IllegalStateException("no method " + method);
  }

  private long newLogFile(List<Frame> run) {
    List<Frame> make = Frame.chain(List.of(Frame.at("mp_obj_new_instance", "class=class@entry=" + rt.log.pointer(logClass) + ", native_base=native_base@entry=0x0 <isr_vector>", "../../py/objtype.c", 101),
        Frame.at("mp_obj_instance_make_new", "self=" + rt.log.pointer(logClass) + ", n_args=0, n_kw=0, args=" + rt.log.pointer(rt.stack.sp() - 0x18), "../../py/objtype.c", 307)), vm(984, run));
    long self = rt.mallocWithFinaliser(4 * w, AllocTag.object("LogFile"), make);
    if (self == 0) {
      throw new MapModel.OutOfHeap();
    }
    ram.putWord(self, logClass);
    rt.gc.tags[rt.gc.blockOf(self)] = new AllocTag("LogFile", "object", null, new MapModel(rt, self + w));
    rt.stack.push(self);
    List<Frame> init = call(classMethod(logClass, "__init__"), with(make.subList(1, make.size()), Frame.at("mp_call_function_n_kw", "fun_in=<optimized out>, n_args=0, n_kw=0, args=<optimized out>", "../../py/runtime.c", 717)));
    py.mapOf(self).put(rt.qstrKey("count", init), py.small(0), with(init, Frame.at("mp_store_attr", "base=" + rt.log.pointer(self) + ", attr=<optimized out>, value=<optimized out>", "../../py/runtime.c", 1186)));
    return self;
  }

  /** {@code make_formatter(prefix)}: a closure over a cell holding the prefix string. */
  private long newFormatter(List<Frame> run) {
    long mark = rt.stack.mark();
    long maker = global("make_formatter");
    List<Frame> inner = call(maker, vm(984, run));
    long prefix = py.newStr(pick("T:", "H:", "L:", "P:") + random.nextInt(100), vm(1030, run));
    rt.stack.push(prefix);
    long cell = rt.objMalloc(2 * w, fw.type("cell"), AllocTag.object("cell"), with(inner, Frame.at("mp_obj_new_cell", "obj=" + rt.log.pointer(prefix), "../../py/objcell.c", 48)));
    ram.putWord(cell + w, prefix);
    rt.stack.push(cell);
    List<Frame> make = with(inner, Frame.at("mp_make_closure_from_proto_fun", "proto_fun=<optimized out>, context=<optimized out>, n_closed_over=<optimized out>, args=args@entry=" + rt.log.pointer(rt.stack.sp()), "../../py/emitglue.c", 253));
    long fun = py.newFun(ram.word(moduleFun + w), bytecode.get(8), "formatter", make);
    rt.stack.push(fun);
    long closure = rt.objMalloc(4 * w, fw.type("closure"), AllocTag.object("closure"),
        with(make, Frame.at("mp_obj_new_closure", "fun=" + rt.log.pointer(fun) + ", n_closed_over=1, closed=" + rt.log.pointer(rt.stack.sp()), "../../py/objclosure.c", 108)));
    ram.putWord(closure + w, fun);
    ram.putWord(closure + 2L * w, 1);
    ram.putWord(closure + 3L * w, cell);
    rt.stack.popTo(mark);
    return closure;
  }
}
