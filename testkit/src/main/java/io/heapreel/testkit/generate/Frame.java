package io.heapreel.testkit.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * One backtrace frame as gdb prints it: a function, its argument text and its source position.
 * An inlined frame has no address of its own.
 */
record Frame(String function, String args, String file, int line, boolean inlined) {
  static Frame at(String function, String args, String file, int line) {
    return new Frame(function, args, file, line, false);
  }

  static Frame inlined(String function, String args, String file, int line) {
    return new Frame(function, args, file, line, true);
  }

  /** {@code inner} frames, then {@code outer} ones: a call chain grows inward. */
  static List<Frame> chain(List<Frame> inner, List<Frame> outer) {
    List<Frame> all = new ArrayList<>(inner.size() + outer.size());
    all.addAll(inner);
    all.addAll(outer);
    return all;
  }
}
