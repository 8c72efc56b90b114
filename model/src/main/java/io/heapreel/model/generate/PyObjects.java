package io.heapreel.model.generate;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Built-in objects as py/obj*.c make them: each allocation goes through the call chain the
 * firmware uses (so its backtrace is right) and the struct is written with the v1.28 layout of
 * struct_layouts.txt. Callers keep what must survive a collection on the C stack.
 */
final class PyObjects {
  private final Runtime rt;
  private final Image ram;
  private final FirmwareLayout fw;

  PyObjects(Runtime rt) {
    this.rt = rt;
    this.ram = rt.ram;
    this.fw = rt.layout;
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
    long f = rt.malloc(8, AllocTag.object("float"), with(caller, Frame.at("mp_obj_new_float", "value=" + value, "../../py/objfloat.c", 186)));
    if (f == 0) {
      throw new MapModel.OutOfHeap();
    }
    ram.putWord(f, fw.type("float"));
    ram.putWord(f + 4, Float.floatToIntBits(value) & 0xffffffffL);
    return f;
  }

  long newTuple(long[] items, List<Frame> caller) {
    long t = rt.objMalloc(8 + 4 * items.length, fw.type("tuple"), AllocTag.object("tuple"),
        with(caller, Frame.at("mp_obj_new_tuple", "n=n@entry=" + items.length + ", items=items@entry=" + rt.log.pointer(rt.stack.sp() - 8), "../../py/objtuple.c", 241)));
    ram.putWord(t + 4, items.length);
    for (int i = 0; i < items.length; i++) {
      ram.putWord(t + 8 + 4L * i, items[i]);
    }
    return t;
  }

  long newStr(String text, List<Frame> caller) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<Frame> copy = with(caller, Frame.at("mp_obj_new_str_copy", "type=<optimized out>, data=" + rt.log.pointer(rt.stack.sp() - 0x30) + " \"" + text + "\", len=" + bytes.length, "../../py/objstr.c", 2217));
    long s = rt.objMalloc(16, fw.type("str"), AllocTag.object("str"), copy);
    long mark = rt.stack.mark();
    rt.stack.push(s);
    ram.putWord(s + 4, RomQstrs.hash(bytes));
    ram.putWord(s + 8, bytes.length);
    long data = rt.malloc(bytes.length + 1, AllocTag.raw("str_data"), with(caller, Frame.at("mp_obj_new_str_copy", copy.get(0).args(), "../../py/objstr.c", 2219)));
    if (data == 0) {
      throw new MapModel.OutOfHeap();
    }
    ram.putBytes(data, bytes);
    ram.putWord(s + 12, data);
    rt.stack.popTo(mark);
    return s;
  }

  String strText(long s) {
    int len = (int) ram.word(s + 8);
    long data = ram.word(s + 12);
    byte[] b = new byte[len];
    for (int i = 0; i < len; i++) {
      b[i] = (byte) ram.u8(data + i);
    }
    return new String(b, StandardCharsets.UTF_8);
  }

  long newList(int n, List<Frame> caller) {
    List<Frame> newList = with(caller, Frame.at("mp_obj_new_list", "n=n@entry=" + n + ", items=items@entry=0x0 <isr_vector>", "../../py/objlist.c", 483));
    long list = rt.malloc(16, AllocTag.object("list"), with(newList, Frame.at("list_new", "n=n@entry=" + n, "../../py/objlist.c", 477)));
    if (list == 0) {
      throw new MapModel.OutOfHeap();
    }
    long mark = rt.stack.mark();
    rt.stack.push(list);
    ram.putWord(list, fw.type("list"));
    int alloc = Math.max(4, n);
    long items = rt.malloc(4 * alloc, AllocTag.raw("list_items"), with(newList, Frame.at("list_new", "n=n@entry=" + n, "../../py/objlist.c", 478)));
    if (items == 0) {
      throw new MapModel.OutOfHeap();
    }
    ram.putWord(list + 4, alloc);
    ram.putWord(list + 8, n);
    ram.putWord(list + 12, items);
    rt.stack.popTo(mark);
    return list;
  }

  int listLen(long list) {
    return (int) ram.word(list + 8);
  }

  void listAppend(long list, long item, List<Frame> caller) {
    int alloc = (int) ram.word(list + 4);
    int len = listLen(list);
    if (len >= alloc) {
      long items = rt.realloc(ram.word(list + 12), 4 * alloc, 8 * alloc,
          with(caller, Frame.at("mp_obj_list_append", "self_in=self_in@entry=" + rt.log.pointer(list) + ", arg=arg@entry=" + rt.log.pointer(item), "../../py/objlist.c", 232)));
      ram.putWord(list + 12, items);
      ram.putWord(list + 4, 2L * alloc);
    }
    ram.putWord(ram.word(list + 12) + 4L * len, item);
    ram.putWord(list + 8, len + 1);
  }

  void listPop(long list, int index, List<Frame> caller) {
    int len = listLen(list);
    long items = ram.word(list + 12);
    for (int i = index; i < len - 1; i++) {
      ram.putWord(items + 4L * i, ram.word(items + 4L * (i + 1)));
    }
    ram.putWord(items + 4L * (len - 1), 0);
    len--;
    ram.putWord(list + 8, len);
    int alloc = (int) ram.word(list + 4);
    if (alloc > 4 && alloc > 2 * len) {
      long shrunk = rt.realloc(items, 4 * alloc, 2 * alloc,
          with(caller, Frame.at("list_pop", "n_args=<optimized out>, args=<optimized out>", "../../py/objlist.c", 283)));
      ram.putWord(list + 12, shrunk);
      ram.putWord(list + 4, alloc / 2);
    }
  }

  long newDict(List<Frame> caller) {
    List<Frame> here = with(caller, Frame.at("mp_obj_new_dict", "n_args=n_args@entry=0", "../../py/objdict.c", 650));
    long dict = rt.objMalloc(16, fw.type("dict"), AllocTag.object("dict"), here);
    rt.gc.tags[rt.gc.blockOf(dict)] = new AllocTag("dict", "object", null, new MapModel(rt, dict + 4));
    mapOf(dict).init(0, here);
    return dict;
  }

  long newBytearray(int n, List<Frame> caller) {
    List<Frame> here = with(caller, Frame.at("mp_obj_new_bytearray", "n=n@entry=" + n + ", items=<optimized out>", "../../py/objarray.c", 677));
    long array = rt.objMalloc(16, fw.type("bytearray"), AllocTag.object("bytearray"), here);
    long mark = rt.stack.mark();
    rt.stack.push(array);
    ram.putWord(array + 4, 'B');
    long items = rt.malloc(n, AllocTag.raw("bytearray_data"), with(caller, Frame.at("mp_obj_new_bytearray", here.get(0).args(), "../../py/objarray.c", 679)));
    if (items == 0) {
      throw new MapModel.OutOfHeap();
    }
    ram.putWord(array + 8, n);
    ram.putWord(array + 12, items);
    rt.stack.popTo(mark);
    return array;
  }

  long newFun(long context, long code, String name, List<Frame> caller) {
    List<Frame> here = Frame.chain(List.of(Frame.at("mp_obj_new_fun_bc", "def_args_in=<optimized out>, code=" + rt.log.pointer(code) + ", context=" + rt.log.pointer(context) + ", child_table=0x0 <isr_vector>", "../../py/objfun.c", 354),
        Frame.at("mp_make_function_from_proto_fun", "proto_fun=<optimized out>, context=<optimized out>, def_args=<optimized out>", "../../py/emitglue.c", 211)), caller);
    long fun = rt.objMalloc(16, fw.type("fun_bc"), AllocTag.named("fun_bc", name), here);
    ram.putWord(fun + 4, context);
    ram.putWord(fun + 8, 0);
    ram.putWord(fun + 12, code);
    return fun;
  }
}
