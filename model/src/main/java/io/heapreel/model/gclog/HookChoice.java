package io.heapreel.model.gclog;

import java.util.List;

/**
 * Which breakpoint's hits are the records, chosen at the log's first hit: that hit's breakpoint
 * when it stops in the hook function {@code gc_log_change} or nothing says otherwise; else the one
 * breakpoint the preamble set up in {@code gc.c} or at {@code gc_log_change}, when there is exactly
 * one (a breakpoint of the user's own, such as one on {@code mp_init}, can be hit before the heap
 * first changes).
 */
final class HookChoice {
  static final String HOOK_FUNCTION = "gc_log_change";

  private HookChoice() {}

  static int number(BreakpointHit first, List<Breakpoint> setUp) {
    Frame frame = first.frame();
    if (frame != null && frame.function().equals(HOOK_FUNCTION)) {
      return first.number();
    }
    List<Breakpoint> inHookFile = setUp.stream().filter(HookChoice::atHook).toList();
    return inHookFile.size() == 1 ? inHookFile.get(0).number() : first.number();
  }

  /** {@code file ../../py/gc.c, line 152.} or {@code gc_log_change} (a pending or address breakpoint). */
  private static boolean atHook(Breakpoint b) {
    String where = b.where();
    int at = where.indexOf("gc.c, line ");
    boolean inGcC = at == 0 || at > 0 && (where.charAt(at - 1) == '/' || where.charAt(at - 1) == ' ');
    return inGcC || where.contains(HOOK_FUNCTION);
  }
}
