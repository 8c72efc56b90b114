package io.heapreel.testkit.generate;

import java.util.List;

/** Called where the firmware's {@code gc_log_change} hook is: the moment a snapshot is taken. */
interface GcListener {
  enum Action {
    ALLOC,
    REALLOC,
    FREE,
    SWEEP;

    String csv() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  void change(Action action, int block, int blocks, List<Frame> frames);
}
