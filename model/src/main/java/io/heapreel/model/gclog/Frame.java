package io.heapreel.model.gclog;

import java.io.Serializable;

/**
 * One backtrace frame as gdb printed it.
 *
 * @param pc the return address, or {@link #NO_PC} for an inlined frame (gdb prints none)
 * @param function the function name, {@code ??} when gdb had no symbol
 * @param arguments the argument list between the parentheses as printed (annotations such as
 *     {@code <mp_state_ctx+80>} and string values kept), empty when there are none
 * @param file the source file of {@code at FILE:LINE}, or null (no debug info)
 * @param line the source line of {@code at FILE:LINE}, or 0
 * @param library the shared object of {@code from LIB}, or null
 */
public record Frame(long pc, String function, String arguments, String file, int line, String library)
    implements Serializable {
  public static final long NO_PC = -1;

  public boolean inlined() {
    return pc == NO_PC;
  }

  public boolean hasSource() {
    return file != null;
  }

  /**
   * Where the frame is: {@code file:line} when known, else the library, else {@code ??}. The call
   * tree is keyed by it, as gc_activity.py keys it by {@code file:line}.
   */
  public String location() {
    if (file != null) {
      return file + ":" + line;
    }
    return library != null ? library : "??";
  }

  /** The file name without its folders, or null. */
  public String fileName() {
    if (file == null) {
      return null;
    }
    int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
    return file.substring(slash + 1);
  }
}
