package io.heapreel.testkit.generate;

/**
 * The C stack at the top of RAM, growing down from {@code top}. The collector scans the words
 * from the stack pointer up to {@code top} conservatively, so whatever the workload holds only
 * "in a local variable" is pushed here to stay alive. Popped words stay in RAM below the stack
 * pointer, as stale stack does.
 */
final class CStack {
  private final Image ram;
  private final long top;
  private final long limit;
  private long sp;

  CStack(Image ram, long top, long limit) {
    this.ram = ram;
    this.top = top;
    this.limit = limit;
    this.sp = top;
  }

  long top() {
    return top;
  }

  long sp() {
    return sp;
  }

  /** Pushes a word and returns its slot. */
  long push(long word) {
    if (sp - ram.w < limit) {
      throw new IllegalStateException("synthetic C stack overflow");
    }
    sp -= ram.w;
    ram.putWord(sp, word);
    return sp;
  }

  /** The depth to come back to with {@link #popTo}. */
  long mark() {
    return sp;
  }

  void popTo(long mark) {
    sp = mark;
  }
}
