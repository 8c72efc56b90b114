package io.heapreel.model.render;

import io.heapreel.model.types.Role;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The fixed colour table of every frame (an indexed PNG's palette) and the mapping of colour
 * classes onto it. Fixed so that a colour means the same thing in every frame of every capture; the
 * README documents it and the legend of each frame shows it.
 */
public final class Palette {
  public static final int PAGE = 0;
  public static final int TEXT = 1;
  public static final int FREE = 2;
  public static final int ORPHAN_TAIL = 3;
  public static final int HIGHLIGHT = 4;
  public static final int MARKER = 5;
  public static final int STIPPLE = 6;
  public static final int BAR_USED = 7;
  public static final int BAR_FREE = 8;
  public static final int BAR_LARGEST = 9;
  public static final int TIMELINE_FREE = 10;
  public static final int TIMELINE_LARGEST = 11;
  public static final int CURSOR = 12;
  public static final int GRID = 13;

  public static final int STR = 16;
  public static final int BYTES = 17;
  public static final int DICT = 18;
  public static final int LIST = 19;
  public static final int TUPLE = 20;
  public static final int SET = 21;
  public static final int NUMBER = 22;
  public static final int FUNCTION = 23;
  public static final int TYPE = 24;
  public static final int MODULE = 25;
  public static final int OTHER_BUILTIN = 26;
  public static final int USER_CLASS = 27;
  public static final int RAW_ITEMS = 28;
  public static final int RAW_MAP = 29;
  public static final int RAW_STRING = 30;
  public static final int RAW_CODE = 31;
  public static final int RAW_QSTR = 32;
  public static final int RAW_OTHER = 33;
  public static final int UNKNOWN = 34;
  public static final int RAW_BYTES = 35;
  public static final int RAW_PARSER = 36;
  public static final int RAW_COMPILER = 37;
  public static final int RAW_CALL = 38;

  private static final int[] RGB = new int[RAW_CALL + 1];

  static {
    RGB[PAGE] = 0xFFFFFF;
    RGB[TEXT] = 0x202020;
    RGB[FREE] = 0xF0F0F0;
    RGB[ORPHAN_TAIL] = 0xE6DCA0;
    RGB[HIGHLIGHT] = 0xFF00CC;
    RGB[MARKER] = 0x000000;
    RGB[STIPPLE] = 0xFFFFFF;
    RGB[BAR_USED] = 0x707070;
    RGB[BAR_FREE] = 0xCFE3F5;
    RGB[BAR_LARGEST] = 0x2E8B57;
    RGB[TIMELINE_FREE] = 0x9EC3E6;
    RGB[TIMELINE_LARGEST] = 0x1F4E79;
    RGB[CURSOR] = 0xD00000;
    RGB[GRID] = 0xDDDDDD;
    RGB[STR] = 0x4E79A7;
    RGB[BYTES] = 0x76B7B2;
    RGB[DICT] = 0xF28E2B;
    RGB[LIST] = 0x59A14F;
    RGB[TUPLE] = 0xB6992D;
    RGB[SET] = 0x499894;
    RGB[NUMBER] = 0xEDC948;
    RGB[FUNCTION] = 0xE15759;
    RGB[TYPE] = 0x9C755F;
    RGB[MODULE] = 0x6A3D9A;
    RGB[OTHER_BUILTIN] = 0xD4A6C8;
    RGB[USER_CLASS] = 0xB07AA1;
    RGB[RAW_ITEMS] = 0xC5E5BE;
    RGB[RAW_MAP] = 0xFFD2A6;
    RGB[RAW_STRING] = 0xB9CDE3;
    RGB[RAW_CODE] = 0xF4B6B7;
    RGB[RAW_QSTR] = 0xD8C5B6;
    RGB[RAW_OTHER] = 0xC9C9C9;
    RGB[UNKNOWN] = 0x8C8C8C;
    RGB[RAW_BYTES] = 0xBCE4E0;
    RGB[RAW_PARSER] = 0xBCBD22;
    RGB[RAW_COMPILER] = 0x17BECF;
    RGB[RAW_CALL] = 0xE377C2;
  }

  /** The colour of every role: one entry each, looked up by the role itself (a test walks them all). */
  private static final Map<Role, Integer> ROLE_COLOURS = buildRoleColours();

  private static Map<Role, Integer> buildRoleColours() {
    Map<Role, Integer> m = new EnumMap<>(Role.class);
    m.put(Role.OBJECT, OTHER_BUILTIN);
    m.put(Role.LIST_ITEMS, RAW_ITEMS);
    m.put(Role.CHILD_TABLE, RAW_ITEMS);
    m.put(Role.CONST_TABLE, RAW_ITEMS);
    m.put(Role.TUPLE_ITEMS, RAW_ITEMS);
    m.put(Role.MAP_TABLE, RAW_MAP);
    m.put(Role.SET_TABLE, RAW_MAP);
    m.put(Role.STR_DATA, RAW_STRING);
    m.put(Role.VSTR_BUFFER, RAW_STRING);
    m.put(Role.VSTR, RAW_STRING);
    m.put(Role.BYTEARRAY_DATA, RAW_BYTES);
    m.put(Role.BYTECODE, RAW_CODE);
    m.put(Role.NATIVE_CODE, RAW_CODE);
    m.put(Role.RAW_CODE, RAW_CODE);
    m.put(Role.MODULE_CONTEXT, RAW_CODE);
    m.put(Role.QSTR_POOL, RAW_QSTR);
    m.put(Role.QSTR_CHUNK, RAW_QSTR);
    m.put(Role.QSTR_TABLE, RAW_QSTR);
    m.put(Role.VFS_MOUNT, RAW_OTHER);
    m.put(Role.MPZ_DIGITS, RAW_OTHER);
    m.put(Role.FS_BUFFER, RAW_OTHER);
    m.put(Role.TRACEBACK, RAW_OTHER);
    m.put(Role.DEQUE_ITEMS, RAW_OTHER);
    m.put(Role.DEFLATE_READER, RAW_OTHER);
    m.put(Role.DEFLATE_WINDOW, RAW_OTHER);
    m.put(Role.INT_TEXT, RAW_OTHER);
    m.put(Role.POLL_ENTRY, RAW_OTHER);
    m.put(Role.FAILED_MATCH, RAW_OTHER);
    m.put(Role.PARSE_CHUNK, RAW_PARSER);
    m.put(Role.PARSE_STACK, RAW_PARSER);
    m.put(Role.LEXER, RAW_PARSER);
    m.put(Role.READER, RAW_PARSER);
    m.put(Role.COMPILER_SCOPE, RAW_COMPILER);
    m.put(Role.ID_TABLE, RAW_COMPILER);
    m.put(Role.EMITTER, RAW_COMPILER);
    m.put(Role.EMIT_LABELS, RAW_COMPILER);
    m.put(Role.CODE_STATE, RAW_CALL);
    m.put(Role.CALL_ARGS, RAW_CALL);
    m.put(Role.UNKNOWN, UNKNOWN);
    return Collections.unmodifiableMap(m);
  }

  /** One legend swatch. */
  public record Entry(int index, String label) {}

  /** The legend, in the order frames show it. */
  public static final List<Entry> LEGEND =
      List.of(
          new Entry(STR, "str"),
          new Entry(BYTES, "bytes/bytearray"),
          new Entry(DICT, "dict"),
          new Entry(LIST, "list"),
          new Entry(TUPLE, "tuple"),
          new Entry(SET, "set"),
          new Entry(NUMBER, "int/float"),
          new Entry(FUNCTION, "function/closure"),
          new Entry(TYPE, "type"),
          new Entry(MODULE, "module"),
          new Entry(OTHER_BUILTIN, "other built-in"),
          new Entry(USER_CLASS, "user class"),
          new Entry(RAW_ITEMS, "raw:list/tuple_items, child/const_table"),
          new Entry(RAW_MAP, "raw:map/set_table"),
          new Entry(RAW_STRING, "raw:str_data, vstr_buffer"),
          new Entry(RAW_BYTES, "raw:bytearray_data"),
          new Entry(RAW_CODE, "raw:bytecode, raw_code"),
          new Entry(RAW_QSTR, "raw:qstr_pool/chunk/table"),
          new Entry(RAW_PARSER, "raw:parse_chunk/stack, lexer"),
          new Entry(RAW_COMPILER, "raw:compiler_scope, id_table, emitter"),
          new Entry(RAW_CALL, "raw:code_state, call_args"),
          new Entry(RAW_OTHER, "raw: other roles"),
          new Entry(UNKNOWN, "raw:unknown"),
          new Entry(ORPHAN_TAIL, "orphan tail"),
          new Entry(FREE, "free"));

  private Palette() {}

  public static int size() {
    return RGB.length;
  }

  public static int rgb(int index) {
    return RGB[index];
  }

  /** The palette index an allocation of this class is filled with. */
  public static int indexOf(ColourClass colour) {
    return switch (colour.kind()) {
      case BUILTIN -> builtin(colour.name());
      case USER_CLASS -> USER_CLASS;
      case RAW -> ofRole(colour.name());
      case UNKNOWN -> UNKNOWN;
    };
  }

  private static int builtin(String type) {
    return switch (type) {
      case "str" -> STR;
      case "bytes", "bytearray", "memoryview", "array" -> BYTES;
      case "dict", "ordereddict" -> DICT;
      case "list" -> LIST;
      case "tuple", "attrtuple" -> TUPLE;
      case "set", "frozenset" -> SET;
      case "int", "float", "complex" -> NUMBER;
      case "closure", "cell", "bound_meth", "staticmethod", "classmethod", "gen_wrap", "native_gen_wrap",
          "gen_instance", "native_gen_instance" -> FUNCTION;
      case "type" -> TYPE;
      case "module" -> MODULE;
      default -> type.startsWith("fun_") ? FUNCTION : OTHER_BUILTIN;
    };
  }

  /** The palette index of a role, by the role itself; a label that is no role (not emitted by heapreel) is "other". */
  public static int ofRole(String label) {
    return Role.of(label).map(ROLE_COLOURS::get).orElse(RAW_OTHER);
  }

  /** Every role's palette index. */
  public static Map<Role, Integer> roleColours() {
    return ROLE_COLOURS;
  }
}
