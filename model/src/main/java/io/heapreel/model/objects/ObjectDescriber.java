package io.heapreel.model.objects;

import io.heapreel.model.types.Role;
import io.heapreel.model.heap.Allocation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Names, previews and keys of typed objects: reads only what the layout says, never outside memory. */
public final class ObjectDescriber {
  public static final int PREVIEW_CHARACTERS = 64;
  /** Keys listed per dict or instance; more are summarised by the count. */
  static final int MAX_KEYS = 256;

  private final Layout layout;
  private final int wordSize;
  private final ObjectRepr words;
  private final FloatFormat floats;

  public ObjectDescriber(Layout layout, int wordSize, FloatFormat floats) {
    this.layout = layout;
    this.wordSize = wordSize;
    this.words = layout.repr();
    this.floats = floats;
  }

  public Description describe(HeapIndex heap, TargetMemory memory, ObjectTypes types, QstrTable qstrs, int i) {
    if (types.role(i) == Role.MAP_TABLE) {
      Keys keys = tableKeys(memory, heap, heap.get(i).address(), heap.bytesOf(i) / (2L * wordSize), qstrs);
      return new Description(null, keyCount(keys.keys().size()), keys.keys(), keys.flagged());
    }
    if (types.role(i) == Role.STR_DATA || types.role(i) == Role.QSTR_CHUNK) {
      return rawText(memory, heap.get(i).address(), (int) Math.min(heap.bytesOf(i), PREVIEW_CHARACTERS * 4L));
    }
    if (!types.isObject(i)) {
      return Description.NONE;
    }
    Allocation a = heap.get(i);
    long address = a.address();
    if (types.isTupleInstance(i)) {
      Description items = length(memory, address + layout.field("tuple.len"), "items");
      return new Description(types.type(i), items.preview(), tupleFields(memory, heap.get(types.classOf(i)).address(), qstrs), false);
    }
    if (types.classOf(i) >= 0) {
      Keys keys = mapKeys(memory, heap, address + layout.field("instance.map"), qstrs);
      return new Description(types.type(i), null, keys.keys(), keys.flagged());
    }
    String type = types.type(i);
    return switch (type) {
      case "str", "bytes" -> text(memory, address, type.equals("bytes"));
      case "dict", "ordereddict" -> {
        Keys keys = mapKeys(memory, heap, address + layout.field("dict.map"), qstrs);
        yield new Description(null, keyCount(keys.keys().size()), keys.keys(), keys.flagged());
      }
      case "type" -> new Description(ObjectTyper.className(layout, wordSize, heap, memory, i, qstrs), null, null, false);
      case "list" -> length(memory, address + layout.field("list.len"), "items");
      case "tuple" -> length(memory, address + layout.field("tuple.len"), "items");
      case "bytearray", "array" -> length(memory, address + layout.field("array.len"), "bytes");
      case "float" -> {
        String value = floats.value(memory, address);
        yield value == null ? Description.NONE : new Description(null, value, null, false);
      }
      case "fun_bc", "gen_wrap" -> functionName(memory, address, qstrs);
      case "module" -> moduleName(memory, heap, address, qstrs);
      default -> Description.NONE;
    };
  }

  private static String keyCount(int n) {
    return n == 1 ? "1 key" : n + " keys";
  }

  /** A module's name: the qstr value of {@code __name__} in its globals dict. */
  private Description moduleName(TargetMemory memory, HeapIndex heap, long module, QstrTable qstrs) {
    long globals = memory.wordOr(module + layout.field("module.globals"), wordSize, 0);
    long map = globals + layout.field("dict.map");
    long table = memory.wordOr(map + layout.field("map.table"), wordSize, 0);
    long alloc = Math.min(memory.wordOr(map + layout.field("map.alloc"), wordSize, 0), MAX_KEYS * 4L);
    if (globals == 0 || table == 0 || !memory.contains(table, (int) (alloc * 2 * wordSize))) {
      return Description.NONE;
    }
    for (long e = 0; e < alloc; e++) {
      long key = memory.word(table + e * 2 * wordSize, wordSize);
      long value = memory.word(table + e * 2 * wordSize + wordSize, wordSize);
      if (words.isQstr(key) && "__name__".equals(qstrs.name(words.qstr(key))) && words.isQstr(value)) {
        return new Description(qstrs.name(words.qstr(value)), null, null, false);
      }
    }
    return Description.NONE;
  }

  /** The field names of a namedtuple class: n_fields, then one qstr a word. */
  private List<String> tupleFields(TargetMemory memory, long cls, QstrTable qstrs) {
    long n = memory.wordOr(cls + layout.field("namedtuple.n_fields"), wordSize, 0);
    List<String> names = new ArrayList<>();
    for (long k = 0; k < Math.min(n, MAX_KEYS); k++) {
      long at = cls + layout.field("namedtuple.fields") + k * wordSize;
      if (!memory.contains(at, wordSize)) {
        break;
      }
      String name = qstrs.name(memory.word(at, wordSize));
      names.add(name == null ? "qstr#" + memory.word(at, wordSize) : name);
    }
    return names;
  }

  /** The text at the start of a raw block, up to its first NUL (inside the block). */
  private static Description rawText(TargetMemory memory, long address, int bytes) {
    byte[] b = Text.bytes(memory, address, bytes);
    int end = 0;
    while (end < b.length && b[end] != 0) {
      end++;
    }
    return new Description(null, Text.escape(Text.decode(Arrays.copyOf(b, end)), PREVIEW_CHARACTERS), null, false);
  }

  private Description length(TargetMemory memory, long at, String unit) {
    return memory.contains(at, wordSize) ? new Description(null, memory.word(at, wordSize) + " " + unit, null, false) : Description.NONE;
  }

  private Description text(TargetMemory memory, long address, boolean bytes) {
    long len = memory.wordOr(address + layout.field("str.len"), wordSize, -1);
    long data = memory.wordOr(address + layout.field("str.data"), wordSize, 0);
    if (len < 0 || len > Integer.MAX_VALUE) {
      return Description.flagged("bad length " + len);
    }
    // a character is at most 4 UTF-8 bytes: enough bytes for the preview, never more than the string
    int take = (int) Math.min(len, PREVIEW_CHARACTERS * 4L);
    if (!memory.contains(data, take)) {
      return Description.flagged(String.format("data at 0x%08x is outside the capture", data));
    }
    byte[] b = Text.bytes(memory, data, take);
    String s = bytes ? new String(b, StandardCharsets.ISO_8859_1) : Text.decode(b);
    return new Description(null, Text.escape(s, PREVIEW_CHARACTERS), null, false);
  }

  private record Keys(List<String> keys, boolean flagged) {}

  /** The keys of an mp_map_t: NULL and SENTINEL slots are empty; the table must be readable. */
  private Keys mapKeys(TargetMemory memory, HeapIndex heap, long map, QstrTable qstrs) {
    long table = memory.wordOr(map + layout.field("map.table"), wordSize, 0);
    long alloc = memory.wordOr(map + layout.field("map.alloc"), wordSize, 0);
    if (table == 0 || alloc == 0) {
      return new Keys(new ArrayList<>(), false);
    }
    return tableKeys(memory, heap, table, alloc, qstrs);
  }

  /** The keys of a table of {@code alloc} mp_map_elem_t slots. */
  private Keys tableKeys(TargetMemory memory, HeapIndex heap, long table, long alloc, QstrTable qstrs) {
    List<String> keys = new ArrayList<>();
    long slots = Math.min(alloc, MAX_KEYS * 4L);
    if (!memory.contains(table, (int) (slots * 2 * wordSize))) {
      return new Keys(keys, true);
    }
    boolean flagged = false;
    for (long e = 0; e < slots && keys.size() < MAX_KEYS; e++) {
      long key = memory.word(table + e * 2 * wordSize, wordSize);
      if (key == ObjectRepr.NULL || key == ObjectRepr.SENTINEL) {
        continue;
      }
      String k = keyText(memory, heap, key, qstrs);
      flagged |= k == null;
      keys.add(k == null ? String.format("<0x%08x>", key) : k);
    }
    return new Keys(keys, flagged);
  }

  private String keyText(TargetMemory memory, HeapIndex heap, long key, QstrTable qstrs) {
    if (words.isQstr(key)) {
      return qstrs.name(words.qstr(key));
    }
    if (words.isSmallInt(key)) {
      return Long.toString(words.smallInt(key, wordSize));
    }
    if (words.isInlineFloat(key)) {
      return Float.toString(words.inlineFloat(key));
    }
    int i = heap.headAt(key);
    if (i >= 0) {
      Description d = text(memory, key, false);
      return d.flagged() ? null : d.preview();
    }
    return null;
  }

  /**
   * The simple name in the bytecode prelude: after the signature and size fields (bytes with bit 7
   * as continuation) comes the name's qstr as a big-endian base-128 number.
   */
  private Description functionName(TargetMemory memory, long address, QstrTable qstrs) {
    long code = memory.wordOr(address + layout.field("fun_bc.bytecode"), wordSize, 0);
    long p = code;
    for (int field = 0; field < 2; field++) {
      int b;
      int guard = 0;
      do {
        if (!memory.contains(p, 1) || guard++ > 16) {
          return Description.flagged(String.format("bytecode at 0x%08x is outside the capture", code));
        }
        b = memory.u8(p++);
      } while ((b & 0x80) != 0);
    }
    long q = 0;
    for (int guard = 0; guard < 5; guard++) {
      if (!memory.contains(p, 1)) {
        return Description.flagged(String.format("bytecode at 0x%08x is outside the capture", code));
      }
      int b = memory.u8(p++);
      q = (q << 7) | (b & 0x7f);
      if ((b & 0x80) == 0) {
        if (layout.option("bytecode.name_is_index", 0) != 0) {
          q = qstrFromTable(memory, address, q);
        }
        String name = q < 0 ? null : qstrs.name(q);
        return new Description(name, null, null, name == null);
      }
    }
    return Description.flagged("bad name in bytecode prelude");
  }

  /** Entry {@code index} of the function's module context's qstr table, or -1. */
  private long qstrFromTable(TargetMemory memory, long function, long index) {
    long context = memory.wordOr(function + layout.field("fun_bc.context"), wordSize, 0);
    long table = memory.wordOr(context + layout.field("module_context.qstr_table"), wordSize, 0);
    long at = table + 2 * index;
    return context != 0 && table != 0 && memory.contains(at, 2) ? memory.u16(at) : -1;
  }
}
