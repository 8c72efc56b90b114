package io.heapreel.model.types;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What an allocation is for. An object (its first word is a type) has role {@link #OBJECT}; a block
 * that is no object has one of the others: told by the field of the object that owns it (the
 * layout's owner rules), or else by the function that allocated it (the site table), or
 * {@link #UNKNOWN}. Written in lower case ({@link #label()}) in every table and file.
 */
public enum Role {
  OBJECT("an object: its first word is its type"),
  // owned by an object's field (the layout's owner and root rules)
  LIST_ITEMS("the item array of a list"),
  MAP_TABLE("the table of a dict, an instance's attributes, a module's globals or a map"),
  SET_TABLE("the slot table of a set or frozenset"),
  DEQUE_ITEMS("the item ring of a collections.deque"),
  DEFLATE_READER("the state of a deflate.DeflateIO that reads (mp_obj_deflateio_read_t)"),
  DEFLATE_WINDOW("the window of a deflate.DeflateIO reader (2^wbits bytes)"),
  STR_DATA("the characters of a str or bytes"),
  BYTEARRAY_DATA("the contents of a bytearray, array or memoryview"),
  BYTECODE("a function's bytecode and its prelude"),
  NATIVE_CODE("the machine code of a @micropython.native or @micropython.viper function, as the native emitter writes it (MP_PLAT_ALLOC_EXEC)"),
  QSTR_POOL("a pool of interned strings (qstr_pool_t)"),
  QSTR_CHUNK("the characters of interned strings"),
  VSTR_BUFFER("the buffer of a growing string (vstr_t)"),
  VSTR("a vstr_t in the heap (StringIO, BytesIO)"),
  CHILD_TABLE("a function's table of nested raw code"),
  CONST_TABLE("a module context's constant objects"),
  QSTR_TABLE("a module context's qstr numbers"),
  MODULE_CONTEXT("an mp_module_context_t whose base type is not set (code compiled at boot)"),
  RAW_CODE("an mp_raw_code_t: compiled code before it becomes a function"),
  VFS_MOUNT("an mp_vfs_mount_t"),
  MPZ_DIGITS("the digits of a big int"),
  FS_BUFFER("littlefs cache and lookahead buffers"),
  // told by the allocation site only (the compiler's and runtime's transient buffers)
  PARSE_CHUNK("a chunk of the parse tree (parser_alloc)"),
  PARSE_STACK("the parser's rule or result stack"),
  LEXER("the lexer's state or its indent stack"),
  READER("the source reader of the lexer"),
  COMPILER_SCOPE("a compiler scope (scope_t) or its first identifier table"),
  ID_TABLE("a compiler scope's identifier table, grown (id_info_t[])"),
  EMITTER("the bytecode or native emitter's state (emit_t) or the native emitter's working arrays"),
  EMIT_LABELS("the bytecode or native emitter's label offsets"),
  CODE_STATE("the frame of a running bytecode function too big for the C stack (mp_code_state_t)"),
  CALL_ARGS("an argument array built for a call"),
  TUPLE_ITEMS("the items tuple(iterable) gathers before it makes the tuple"),
  TRACEBACK("an exception's traceback: file, line and function of each frame it passed"),
  INT_TEXT("the digits of a big int being printed, when they do not fit the caller's buffer on the C stack"),
  POLL_ENTRY("an object registered with select.poll: the object, its ioctl, events and revents (poll_obj_t)"),
  FAILED_MATCH("the match object of an re search that found nothing, freed before its type is set"),
  UNKNOWN("neither an owner nor the allocation site says what it is");

  private static final Map<String, Role> BY_LABEL =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Role::label, Function.identity()));

  private final String label;
  private final String meaning;

  Role(String meaning) {
    this.label = name().toLowerCase(Locale.ROOT);
    this.meaning = meaning;
  }

  /** The name in tables and files: {@code map_table}. */
  public String label() {
    return label;
  }

  public String meaning() {
    return meaning;
  }

  /** A raw block's role, one that says something ({@link #OBJECT} and {@link #UNKNOWN} do not). */
  public boolean told() {
    return this != OBJECT && this != UNKNOWN;
  }

  public static Optional<Role> of(String label) {
    return Optional.ofNullable(BY_LABEL.get(label));
  }

  /** The labels, for messages. */
  public static String labels() {
    return Arrays.stream(values()).map(Role::label).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return label;
  }
}
