package io.heapreel.testkit.generate;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Built-in objects as py/obj*.c make them: each allocation goes through the call chain the
 * firmware uses (so its backtrace is right) and the struct is written with the v1.28 layout of
 * struct_layouts.txt. Callers keep what must survive a collection on the C stack.
 */
final class PyObjects {
  private final MpRuntime rt;
  private final Image ram;
  private final FirmwareLayout fw;
  private final int w;

  PyObjects(MpRuntime rt) {
    this.rt = rt;
    this.ram = rt.ram;
    this.fw = rt.layout;
    this.w = rt.w;
  }

  private static List<Frame> with(List<Frame> outer, Frame... inner) {
    return Frame.chain(List.of(inner), outer);
  }

  long small(long value) {
    return (value << 1) | 1;
  }

  MapModel mapOf(long obj) {
    AllocTag tag = rt.gc.tags[rt.gc.blockOf(obj)];
    return tag.map();
  }

  void dictStore(long dict, MapModel.Key key, long value, List<Frame> caller) {
    mapOf(dict).put(key, value, with(caller, Frame.at("mp_obj_dict_store", "self_in=" + rt.log.pointer(dict) + ", key=" + rt.log.pointer(key.word()) + ", value=" + rt.log.pointer(value), "../../py/objdict.c", 609)));
  }

  long newFloat(float value, List<Frame> caller) {
    long f = rt.malloc(2 * w, AllocTag.object("float"), with(caller, Frame.at("mp_obj_new_float", "value=" + value, "../../py/objfloat.c", 186)));
    if (f == 0) {
      throw new MapModel.OutOfHeap();
    }
    ram.putWord(f, fw.type("float"));
    ram.putU32(f + w, Float.floatToIntBits(value) & 0xffffffffL); // mp_float_t is a float
    return f;
  }

  long newTuple(long[] items, List<Frame> caller) {
    long t = rt.objMalloc(2 * w + w * items.length, fw.type("tuple"), AllocTag.object("tuple"),
        with(caller, Frame.at("mp_obj_new_tuple", "n=n@entry=" + items.length + ", items=items@entry=" + rt.log.pointer(rt.stack.sp() - 8), "../../py/objtuple.c", 241)));
    ram.putWord(t + w, items.length);
    for (int i = 0; i < items.length; i++) {
      ram.putWord(t + 2L * w + (long) w * i, items[i]);
    }
    return t;
  }

  long newStr(String text, List<Frame> caller) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<Frame> copy = with(caller, Frame.at("mp_obj_new_str_copy", "type=<optimized out>, data=" + rt.log.pointer(rt.stack.sp() - 0x30) + " \"" + text + "\", len=" + bytes.length, "../../py/objstr.c", 2217));
    long s = rt.objMalloc(4 * w, fw.type("str"), AllocTag.object("str"), copy);
    long mark = rt.stack.mark();
    rt.stack.push(s);
    ram.putWord(s + w, RomQstrs.hash(bytes));
    ram.putWord(s + 2L * w, bytes.length);
    long data = rt.malloc(bytes.length + 1, AllocTag.raw("str_data"), with(caller, Frame.at("mp_obj_new_str_copy", copy.get(0).args(), "../../py/objstr.c", 2219)));
    if (data == 0) {
      throw new MapModel.OutOfHeap();
    }
    ram.putBytes(data, bytes);
    ram.putWord(s + 3L * w, data);
    rt.stack.popTo(mark);
    return s;
  }

  String strText(long s) {
    int len = (int) ram.word(s + 2L * w);
    long data = ram.word(s + 3L * w);
    byte[] b = new byte[len];
    for (int i = 0; i < len; i++) {
      b[i] = (byte) ram.u8(data + i);
    }
    return new String(b, StandardCharsets.UTF_8);
  }

  long newList(int n, List<Frame> caller) {
    List<Frame> newList = with(caller, Frame.at("mp_obj_new_list", "n=n@entry=" + n + ", items=items@entry=0x0 <isr_vector>", "../../py/objlist.c", 483));
    long list = rt.malloc(4 * w, AllocTag.object("list"), with(newList, Frame.at("list_new", "n=n@entry=" + n, "../../py/objlist.c", 477)));
    if (list == 0) {
      throw new MapModel.OutOfHeap();
    }
    long mark = rt.stack.mark();
    rt.stack.push(list);
    ram.putWord(list, fw.type("list"));
    int alloc = Math.max(4, n);
    long items = rt.malloc(w * alloc, AllocTag.raw("list_items"), with(newList, Frame.at("list_new", "n=n@entry=" + n, "../../py/objlist.c", 478)));
    if (items == 0) {
      throw new MapModel.OutOfHeap();
    }
    ram.putWord(list + w, alloc);
    ram.putWord(list + 2L * w, n);
    ram.putWord(list + 3L * w, items);
    rt.stack.popTo(mark);
    return list;
  }

  int listLen(long list) {
    return (int) ram.word(list + 2L * w);
  }

  void listAppend(long list, long item, List<Frame> caller) {
    int alloc = (int) ram.word(list + w);
    int len = listLen(list);
    if (len >= alloc) {
      long items = rt.realloc(ram.word(list + 3L * w), w * alloc, 2 * w * alloc,
          with(caller, Frame.at("mp_obj_list_append", "self_in=self_in@entry=" + rt.log.pointer(list) + ", arg=arg@entry=" + rt.log.pointer(item), "../../py/objlist.c", 232)));
      ram.putWord(list + 3L * w, items);
      ram.putWord(list + w, 2L * alloc);
    }
    ram.putWord(ram.word(list + 3L * w) + (long) w * len, item);
    ram.putWord(list + 2L * w, len + 1);
  }

  void listPop(long list, int index, List<Frame> caller) {
    int len = listLen(list);
    long items = ram.word(list + 3L * w);
    for (int i = index; i < len - 1; i++) {
      ram.putWord(items + (long) w * i, ram.word(items + (long) w * (i + 1)));
    }
    ram.putWord(items + (long) w * (len - 1), 0);
    len--;
    ram.putWord(list + 2L * w, len);
    int alloc = (int) ram.word(list + w);
    if (alloc > 4 && alloc > 2 * len) {
      long shrunk = rt.realloc(items, w * alloc, w * alloc / 2,
          with(caller, Frame.at("list_pop", "n_args=<optimized out>, args=<optimized out>", "../../py/objlist.c", 283)));
      ram.putWord(list + 3L * w, shrunk);
      ram.putWord(list + w, alloc / 2);
    }
  }

  long newDict(List<Frame> caller) {
    List<Frame> here = with(caller, Frame.at("mp_obj_new_dict", "n_args=n_args@entry=0", "../../py/objdict.c", 650));
    long dict = rt.objMalloc(4 * w, fw.type("dict"), AllocTag.object("dict"), here);
    rt.gc.tags[rt.gc.blockOf(dict)] = new AllocTag("dict", "object", null, new MapModel(rt, dict + w));
    mapOf(dict).init(0, here);
    return dict;
  }

  long newBytearray(int n, List<Frame> caller) {
    List<Frame> here = with(caller, Frame.at("mp_obj_new_bytearray", "n=n@entry=" + n + ", items=<optimized out>", "../../py/objarray.c", 677));
    long array = rt.objMalloc(4 * w, fw.type("bytearray"), AllocTag.object("bytearray"), here);
    long mark = rt.stack.mark();
    rt.stack.push(array);
    ram.putWord(array + w, 1); // BYTEARRAY_TYPECODE, free 0
    long items = rt.malloc(n, AllocTag.raw("bytearray_data"), with(caller, Frame.at("mp_obj_new_bytearray", here.get(0).args(), "../../py/objarray.c", 679)));
    if (items == 0) {
      throw new MapModel.OutOfHeap();
    }
    ram.putWord(array + 2L * w, n);
    ram.putWord(array + 3L * w, items);
    rt.stack.popTo(mark);
    return array;
  }

  long newFun(long context, long code, String name, List<Frame> caller) {
    List<Frame> here = Frame.chain(List.of(Frame.at("mp_obj_new_fun_bc", "def_args_in=<optimized out>, code=" + rt.log.pointer(code) + ", context=" + rt.log.pointer(context) + ", child_table=0x0 <isr_vector>", "../../py/objfun.c", 354),
        Frame.at("mp_make_function_from_proto_fun", "proto_fun=<optimized out>, context=<optimized out>, def_args=<optimized out>", "../../py/emitglue.c", 211)), caller);
    long fun = rt.objMalloc(4 * w, fw.type("fun_bc"), AllocTag.named("fun_bc", name), here);
    ram.putWord(fun + w, context);
    ram.putWord(fun + 2L * w, 0);
    ram.putWord(fun + 3L * w, code);
    return fun;
  }
}
