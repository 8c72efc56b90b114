package io.heapreel.model.objects;

import java.util.List;

/**
 * The vocabulary of {@code type} and {@code role}. An object has role {@code object} and its type
 * (a built-in name without {@code mp_type_}, {@code type} for a class object, or the class name for
 * an instance of a heap class); a block that is not an object has type {@code raw} and one of the
 * raw roles, {@code unknown} when no owner tells what it is.
 */
public final class Roles {
  public static final String OBJECT = "object";
  public static final String RAW = "raw";
  public static final String TYPE = "type";
  public static final String UNKNOWN = "unknown";

  /**
   * The raw roles: list_items, map_table, str_data, bytearray_data, bytecode, qstr_pool,
   * qstr_chunk, vstr_buffer, unknown; and the firmware structs heapreel also names: child_table
   * (mp_raw_code_t pointers of a function), const_table (a module context's constant objects),
   * qstr_table (a module context's qstr numbers), module_context (an mp_module_context_t whose
   * base type is not set), raw_code (mp_raw_code_t), vstr (a heap vstr_t), vfs_mount
   * (mp_vfs_mount_t), mpz_digits (the digits of a big int), fs_buffer (littlefs cache and
   * lookahead buffers of a VfsLfs2).
   */
  public static final List<String> RAW_ROLES =
      List.of(
          "list_items", "map_table", "str_data", "bytearray_data", "bytecode", "qstr_pool", "qstr_chunk",
          "vstr_buffer", "child_table", "const_table", "qstr_table", "module_context", "raw_code", "vstr",
          "vfs_mount", "mpz_digits", "fs_buffer", UNKNOWN);

  private Roles() {}
}
