package io.heapreel.model.gclog;

import java.util.List;

/**
 * Which breakpoint's hits are the records, chosen at the log's first hit: that hit's breakpoint
 * when it stops in the hook function {@code gc_log_change} or nothing says otherwise; else the one
 * breakpoint the preamble set up in {@code gc.c} or at {@code gc_log_change}, when there is exactly
 * one (a breakpoint of the user's own, such as one on {@code mp_init}, can be hit before the heap
 * first changes). With several such breakpoints (the user's own on {@code gc_init}, hit before the
 * heap first changes, beside the hook's line in gc.c) the choice waits for the first hit that
 * stops in {@code gc_log_change} ({@link #UNDECIDED}): the hits before it are another breakpoint's.
 */
final class HookChoice {
  static final String HOOK_FUNCTION = "gc_log_change";
  /** No breakpoint chosen yet: the hook is the first whose hit stops in {@link #HOOK_FUNCTION}. */
  static final int UNDECIDED = -2;

  private HookChoice() {}

  static int number(BreakpointHit first, List<Breakpoint> setUp) {
    if (stopsInHook(first)) {
      return first.number();
    }
    List<Breakpoint> inHookFile = setUp.stream().filter(HookChoice::atHook).toList();
    if (inHookFile.size() > 1 && inHookFile.stream().anyMatch(b -> b.number() == first.number())) {
      return UNDECIDED;
    }
    return inHookFile.size() == 1 ? inHookFile.get(0).number() : first.number();
  }

  static boolean stopsInHook(BreakpointHit hit) {
    Frame frame = hit.frame();
    return frame != null && frame.function().equals(HOOK_FUNCTION);
  }

  /** {@code file ../../py/gc.c, line 152.} or {@code gc_log_change} (a pending or address breakpoint). */
  private static boolean atHook(Breakpoint b) {
    String where = b.where();
    int at = where.indexOf("gc.c, line ");
    boolean inGcC = at == 0 || at > 0 && (where.charAt(at - 1) == '/' || where.charAt(at - 1) == ' ');
    return inGcC || where.contains(HOOK_FUNCTION);
  }
}
