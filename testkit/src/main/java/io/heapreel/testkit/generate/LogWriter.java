package io.heapreel.testkit.generate;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes {@code mylog.txt} as gdb logs the capture script: the breakpoint set-up preamble, one
 * record per heap change (breakpoint line, source line, backtrace, {@code $k = 0x..} for the start
 * block and the length) and the end breakpoint. The {@code $k} numbers count across records.
 */
final class LogWriter {
  static final String HOOK_FILE = "../../py/gc.c";
  static final int HOOK_LINE = 147;
  private static final int END_LINE = 84;

  private final FirmwareLayout layout;
  private final Writer out;
  private long valueNumber;

  LogWriter(FirmwareLayout layout, Writer out) {
    this.layout = layout;
    this.out = out;
  }

  void preamble() throws IOException {
    out.write(String.format("Breakpoint 1 at 0x%x: file %s, line %d.%n", layout.address("gc_log_change") + 0x16, HOOK_FILE, HOOK_LINE));
    out.write(String.format("Breakpoint 2 at 0x%x: file main.c, line %d.%n%n", layout.address("main") + 0x4a, END_LINE));
  }

  void record(int startBlock, int length, List<Frame> frames) throws IOException {
    StringBuilder b = new StringBuilder(1024);
    String hook = "gc_log_change (start_block=" + startBlock + ", length=" + length + ") at " + HOOK_FILE + ":" + HOOK_LINE;
    b.append("Breakpoint 1, ").append(hook).append('\n');
    b.append(HOOK_LINE).append("\t    gc_log_change_counter += length; // Break on this line.\n");
    b.append("#0  ").append(hook).append('\n');
    for (int k = 0; k < frames.size(); k++) {
      Frame f = frames.get(k);
      int n = k + 1;
      b.append('#').append(n).append(n < 10 ? "  " : " ");
      if (!f.inlined()) {
        b.append(layout.hex(returnAddress(f))).append(" in ");
      }
      b.append(f.function()).append(" (").append(f.args()).append(") at ").append(f.file()).append(':').append(f.line()).append('\n');
    }
    b.append('$').append(++valueNumber).append(" = 0x").append(Integer.toHexString(startBlock)).append('\n');
    b.append('$').append(++valueNumber).append(" = 0x").append(Integer.toHexString(length)).append("\n\n");
    out.append(b);
  }

  void end() throws IOException {
    out.write("Breakpoint 2, main (argc=<optimized out>, argv=<optimized out>) at main.c:" + END_LINE + "\n");
    out.write(END_LINE + "\t            if (pyexec_mode_kind == PYEXEC_MODE_RAW_REPL) {\n");
    out.write("[Inferior 1 (process 1) killed]\n");
  }

  /** A Thumb return address inside the function, fixed per source line. */
  private long returnAddress(Frame f) {
    FirmwareSymbol s = layout.symbol(f.function());
    long span = Math.max(4, s.size() - 2);
    return s.address() + ((f.line() * 37L) % span & ~1L) + 2;
  }

  /** A pointer argument as gdb prints it: {@code 0x20000730 <heap+1040>}. */
  String pointer(long address) {
    return "0x" + Long.toHexString(address) + layout.describe(address);
  }
}
