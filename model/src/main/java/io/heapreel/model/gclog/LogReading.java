package io.heapreel.model.gclog;

import io.heapreel.model.error.CaptureException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one pass over a log: the preamble, then hook records, and stops at other
 * breakpoints (normally just the one that ends the capture) whose output is passed over.
 */
final class LogReading {
  private static final int FRAME_CACHE_LIMIT = 1 << 16;
  private static final String GDB_WARNING = "warning: ";

  private enum Part { PREAMBLE, RECORDS, OTHER_STOP }

  private final GcLogListener listener;
  /**
   * Whether hits are read in full: their stop location parsed, an unreadable one reported, and the
   * breakpoint arguments checked against the printed values. The fast pass ({@link LogScan}) reads
   * a hit's location only where a record lacks its values (then its start block and length come
   * from the arguments); the record count, indices, start blocks and lengths are the same.
   */
  private final boolean full;
  private final List<Breakpoint> breakpoints = new ArrayList<>();
  private final Map<String, Long> facts = new LinkedHashMap<>();
  /**
   * Identical frame lines recur constantly; sharing their Frame saves parsing and memory. Keyed by
   * the whole line as read (level included): no copy of the line is made to look it up.
   */
  private final Map<String, Frame> frames = new HashMap<>();
  /** The same for lines read as bytes ({@link #line(Latin1Lines)}): found without a string. */
  private final FrameLines known = new FrameLines(FRAME_CACHE_LIMIT);
  private Part part = Part.PREAMBLE;
  private long lineNumber;
  private LogSummary.HookBreakpoint hook;
  /** The hook breakpoint's number, chosen at the first hit ({@link HookChoice}). */
  private int hookNumber = -1;
  private String endHit;
  private Record record;
  private long records;
  private long skipped;
  private long damageCount;
  private History history = History.UNKNOWN;
  private long firstNumber = -1;
  /** The line of the first capture fact after the preamble (a second capture appended), or -1. */
  private long secondCaptureLine = -1;

  LogReading(GcLogListener listener) {
    this(listener, true);
  }

  LogReading(GcLogListener listener, boolean full) {
    this.listener = listener;
    this.full = full;
  }

  /**
   * A line that cannot change the record count or an event's start block and length (a frame, a
   * source line, a wrapped continuation): only counted, for the fast pass of {@link LogScan}. A
   * frame kept before them is complete: the line after it, left out, was no wrapped part of it.
   */
  void skipLines(long n) {
    if (n > 0 && record != null) {
      flushFrame(record);
      record.body = true;
    }
    lineNumber += n;
  }

  /** A line as read (ISO-8859-1). */
  void line(String line) {
    line(line, isAscii(line));
  }

  /** A line as read (ISO-8859-1), {@code ascii} when it has only ASCII bytes. */
  void line(String line, boolean ascii) {
    String decoded = ascii ? line : Utf8Strings.decode(line);
    String text = decoded == null ? line : decoded;
    line(line, text, decoded == null, LogLine.hit(text), null);
  }

  /**
   * The current line of {@code lines}. Inside a record, the lines that make up most of a log (frames
   * already seen, the hook's own frame, {@code $k} values, source lines, blank lines) are read from
   * their bytes, as {@link #line(String, boolean)} reads them; any other line from its string.
   */
  void line(Latin1Lines lines) {
    Record r = record;
    if (r == null || part != Part.RECORDS || !lines.ascii() || !byteLine(r, lines)) {
      line(lines.string(), lines.ascii());
    }
  }

  /** Reads the line from its bytes and says so, or leaves it (false) to be read from its string. */
  private boolean byteLine(Record r, Latin1Lines lines) {
    byte[] b = lines.bytes();
    int from = lines.start();
    int to = lines.end();
    if (from == to) {
      lineNumber++;
      flushFrame(r);
      if (r.values.size() >= 2) {
        endRecord(false);
      }
      return true;
    }
    byte first = b[from];
    if (first == '#') {
      if (!r.values.isEmpty()) {
        return false; // no frame follows a record's values: read as a stray line
      }
      r.body = true;
      frameLine(r, lines, b, from, to);
      return true;
    }
    if (first == '$') {
      return valueLine(r, b, from, to);
    }
    if (first >= '0' && first <= '9' && hasTab(b, from + 1, to)) {
      r.body = true;
      lineNumber++; // the source line gdb shows after the hit
      flushFrame(r);
      return true;
    }
    return false;
  }

  /**
   * A frame line: found among those read before, or parsed once and kept. The hook's own frame
   * ({@code #0}, its arguments new in every record) is the hit's stop location again, already
   * parsed: it is not kept.
   */
  private void frameLine(Record r, Latin1Lines lines, byte[] b, int from, int to) {
    FrameLines.Known k = known.find(b, from, to, lines.hash());
    String line = k == null ? lines.string() : k.line();
    if (k == null) {
      int space = line.indexOf(' ');
      int level = space < 0 ? -1 : Values.parseLevel(line, 1, space);
      if (level == 0 && full && r.frame() != null && sameStripped(line, space + 1, r.hit.location())) {
        k = new FrameLines.Known(null, 0, line, 0, r.frame());
      } else if (level > 0) {
        Frame parsed = FrameParser.parse(line.substring(space + 1));
        k = parsed == null ? null : known.add(b, from, to, lines.hash(), line, level, parsed);
      }
    }
    lineNumber++;
    flushFrame(r);
    r.inLocals = false;
    r.pendingFrame = line;
    r.pendingKnown = k;
    r.pendingFrameLine = lineNumber;
  }

  /**
   * A value line {@code $K = 0xHEX} or {@code $K = DECIMAL} as the record's first or second value;
   * false for any other (a third value, a cast, spaces, a sign, ...), left to the string.
   */
  private boolean valueLine(Record r, byte[] b, int from, int to) {
    if (r.values.size() >= 2) {
      return false;
    }
    int i = from + 1;
    int number = 0;
    while (i < to && b[i] >= '0' && b[i] <= '9' && i - from <= 9) {
      number = number * 10 + (b[i++] - '0');
    }
    if (i == from + 1 || to - i < 4 || b[i] != ' ' || b[i + 1] != '=' || b[i + 2] != ' ') {
      return false;
    }
    i += 3;
    long value = 0;
    if (to - i > 2 && b[i] == '0' && b[i + 1] == 'x') {
      if (to - i - 2 > 15) {
        return false;
      }
      for (int j = i + 2; j < to; j++) {
        int d = Character.digit(b[j], 16);
        if (d < 0) {
          return false;
        }
        value = value << 4 | d;
      }
    } else {
      if (to - i > 18) {
        return false;
      }
      for (int j = i; j < to; j++) {
        if (b[j] < '0' || b[j] > '9') {
          return false;
        }
        value = value * 10 + (b[j] - '0');
      }
    }
    lineNumber++;
    r.body = true;
    flushFrame(r);
    if (r.values.isEmpty()) {
      checkSequence(r, number);
    }
    r.values.add(value);
    return true;
  }

  private static boolean hasTab(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == '\t') {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code a} from {@code from} on and {@code b}, both stripped, are the same text. */
  static boolean sameStripped(String a, int from, String b) {
    int aFrom = from;
    int aTo = a.length();
    while (aFrom < aTo && Character.isWhitespace(a.charAt(aFrom))) {
      aFrom++;
    }
    while (aTo > aFrom && Character.isWhitespace(a.charAt(aTo - 1))) {
      aTo--;
    }
    int bFrom = 0;
    int bTo = b.length();
    while (bFrom < bTo && Character.isWhitespace(b.charAt(bFrom))) {
      bFrom++;
    }
    while (bTo > bFrom && Character.isWhitespace(b.charAt(bTo - 1))) {
      bTo--;
    }
    return aTo - aFrom == bTo - bFrom && a.regionMatches(aFrom, b, bFrom, aTo - aFrom);
  }

  /** A line already read alone (on another thread). */
  void line(LogLine read) {
    line(read.raw(), read.text(), read.undecodable(), read.hit(), read);
  }

  /** {@code read} is null when the line's {@code $k} value is still to be read. */
  private void line(String raw, String line, boolean undecodable, BreakpointHit hit, LogLine read) {
    lineNumber++;
    if (undecodable) {
      damage(Damage.Kind.NON_ASCII, "bytes outside ASCII: " + printable(raw), false);
      if (record != null) {
        record.damaged = true;
      }
    }
    if (hit != null && part != Part.PREAMBLE && strayHit(hit)) {
      damage(Damage.Kind.UNEXPECTED_LINE, "reads like a hit of breakpoint " + hit.number() + ", which gdb did not set up"
          + " and whose stop is unreadable (a dprintf's or the program's text?): " + printable(line), false);
    } else if (hit != null) {
      hit(hit);
    } else if (part == Part.PREAMBLE) {
      preambleLine(line);
    } else if (line.startsWith(GcLogParser.FACT_PREFIX)) {
      secondCapture(line);
    } else if (part == Part.OTHER_STOP) {
      // what gdb printed at another breakpoint: its source line, its commands' output,
      // '[Inferior 1 (process 1) killed]'
      valueElsewhere(read != null ? read.valueNumber() : LogLine.valueNumber(line), records);
    } else if (record != null) {
      recordLine(line, read);
    } else if (!line.isBlank() && !isGdbNotice(line)) {
      damage(Damage.Kind.UNEXPECTED_LINE, "outside any record: " + printable(line), false);
      valueElsewhere(read != null ? read.valueNumber() : LogLine.valueNumber(line), records);
    }
  }

  /**
   * A capture fact after the preamble: a second capture's preamble, appended to the log of the
   * first (gdb's {@code set logging overwrite off}); the first such line is kept for the end.
   */
  private void secondCapture(String line) {
    if (secondCaptureLine < 0) {
      secondCaptureLine = lineNumber;
    }
  }

  /**
   * A value gdb printed outside a hook record's two (another breakpoint's commands, a third
   * {@code p} in the hook's): gdb numbers its values in one sequence, so the following records'
   * values are numbered after it. {@code nextRecord} is the index the next record gets.
   */
  private void valueElsewhere(long number, long nextRecord) {
    if (number >= 0 && firstNumber >= 0 && history != History.OFF) {
      firstNumber = number + 1 - 2 * nextRecord;
    }
  }

  private void hit(BreakpointHit hit) {
    if (part == Part.PREAMBLE) {
      listener.preamble(new Preamble(breakpoints, facts));
      hookNumber = HookChoice.number(hit, breakpoints);
      part = Part.RECORDS;
    }
    if (hookNumber == HookChoice.UNDECIDED && HookChoice.stopsInHook(hit)) {
      hookNumber = hit.number();
    }
    endRecord(false);
    if (hook == null && hit.number() == hookNumber) {
      Frame frame = hit.frame();
      hook = new LogSummary.HookBreakpoint(hit.number(), frame == null ? "?" : frame.function());
    }
    if (hit.number() != hookNumber) {
      // usually the end of the capture; should hook records follow, they still have their dumps
      endHit = "line " + lineNumber + ": " + hit.text();
      part = Part.OTHER_STOP;
      return;
    }
    part = Part.RECORDS;
    record = new Record(records++, lineNumber, hit);
    if (full && record.frame() == null) {
      damage(Damage.Kind.UNEXPECTED_LINE, "unreadable breakpoint line: " + printable(hit.text()), false);
      record.damaged = true;
    }
  }

  /**
   * A line of another text that reads like a hit: of a breakpoint no preamble line set up, and
   * without the argument list gdb prints with every stop's function ({@code main ()}).
   */
  private boolean strayHit(BreakpointHit hit) {
    return hit.number() != hookNumber && !breakpoints.isEmpty()
        && breakpoints.stream().noneMatch(b -> b.number() == hit.number()) && hit.location().indexOf('(') < 0;
  }

  private void preambleLine(String line) {
    if (line.startsWith(GcLogParser.FACT_PREFIX)) {
      fact(line.substring(GcLogParser.FACT_PREFIX.length()));
      return;
    }
    Breakpoint b = BreakpointHit.setUp(line);
    if (b != null) {
      breakpoints.add(b);
    }
  }

  private void fact(String text) {
    int eq = text.lastIndexOf(" = ");
    Long value = eq < 0 ? null : Values.parse(text.substring(eq + 3));
    if (value == null) {
      damage(Damage.Kind.UNEXPECTED_LINE, "capture fact without a number: " + printable(text), false);
    } else {
      facts.put(text.substring(0, eq).strip(), value);
    }
  }

  private void recordLine(String line, LogLine read) {
    Record r = record;
    r.body |= !line.isBlank();
    if (isCommandEcho(line) || isThreadHeader(line)) {
      flushFrame(r);
      return;
    }
    if (isNoLocals(line)) {
      // 'bt full' under a frame without local variables
      flushFrame(r);
      r.inLocals = true;
      return;
    }
    if (!line.isEmpty() && Character.isWhitespace(line.charAt(0)) && !line.isBlank()) {
      if (r.inLocals) {
        return; // a local variable's next line (a value printed over several lines)
      }
      if (isLocalVariable(line) && (r.pendingFrame != null || !r.trace.isEmpty())) {
        // 'bt full' prints a frame's local variables indented under it
        flushFrame(r);
        r.inLocals = true;
        return;
      }
      // gdb wraps long lines when 'set width 0' was forgotten
      if (r.pendingFrame != null) {
        if (r.wrappedFrame == null) {
          r.wrappedFrame = new StringBuilder(r.pendingFrame);
        }
        r.wrappedFrame.append(' ').append(line.strip());
        return;
      }
      if (r.trace.isEmpty() && r.values.isEmpty()) {
        return;
      }
    }
    if (r.pendingFrame != null && r.values.isEmpty()) {
      if (line.startsWith("warning:")) {
        r.heldWarnings.add(new HeldWarning(lineNumber, line)); // the frame's, or a message of its own: the next line tells
        return;
      }
      if (continuesFrame(line) && joinCutFrame(r, line)) {
        return;
      }
    }
    flushFrame(r);
    if (line.isBlank()) {
      if (r.values.size() >= 2) {
        endRecord(false);
      }
    } else if (line.charAt(0) == '#' && !r.values.isEmpty()) {
      // gdb prints the backtrace before the values: this is text of the program's or a dprintf's
      damage(Damage.Kind.UNEXPECTED_LINE, "after the record's values, not part of it (a dprintf's or the program's text?): "
          + printable(line), false);
    } else if (line.charAt(0) == '#') {
      r.inLocals = false;
      r.pendingFrame = line;
      r.pendingFrameLine = lineNumber;
    } else if (line.charAt(0) == '$') {
      value(r, line, read);
    } else if (Character.isDigit(line.charAt(0)) && line.indexOf('\t') > 0) {
      // the source line gdb shows after the hit
    } else if (line.startsWith("Backtrace stopped:") || line.startsWith("(More stack frames follow")) {
      // gdb's own end of a backtrace: the trace is just shorter
    } else if (line.contains("Cannot access memory at address")) {
      damage(Damage.Kind.UNREADABLE_MEMORY, printable(line), false);
      r.damaged = true;
    } else if (line.startsWith("warning:") || line.startsWith("Warning:") || line.startsWith("Error")) {
      damage(Damage.Kind.GDB_MESSAGE, printable(line), false);
      r.damaged = true;
    } else {
      damage(Damage.Kind.UNEXPECTED_LINE, "not part of a record: " + printable(line), false);
      r.damaged = true;
    }
  }

  private void value(Record r, String line, LogLine read) {
    if (r.values.isEmpty()) {
      checkSequence(r, read != null ? read.valueNumber() : LogLine.valueNumber(line));
    }
    Long v = read != null ? read.value() : LogLine.value(line);
    if (v == null) {
      damage(Damage.Kind.MISSING_VALUE, "unreadable value: " + printable(line), false);
      r.damaged = true;
      r.badValue = true;
    } else if (r.values.size() >= 2) {
      damage(Damage.Kind.UNEXPECTED_LINE, "a third value in one record: " + printable(line), false);
      r.damaged = true;
      if (!r.outOfPlace) {
        valueElsewhere(read != null ? read.valueNumber() : LogLine.valueNumber(line), r.index + 1);
      }
    } else {
      r.values.add(v);
    }
  }

  /**
   * gdb numbers the values it prints ($1, $2, ...), two per record, so the first value's number
   * says which record this is. Once the first two records show that numbering, a record whose
   * number runs ahead follows lost records (counted as skipped, so later events keep their
   * snapshot), and one whose number lags is a duplicate or out of place (dropped, no ordinal).
   * Logs numbered otherwise (hand-made ones) are not checked.
   */
  private void checkSequence(Record r, long number) {
    if (number < 0 || history == History.OFF) {
      return;
    }
    if (history == History.UNKNOWN) {
      if (firstNumber < 0) {
        firstNumber = number - 2 * r.index;
        return;
      }
      history = number == firstNumber + 2 * r.index ? History.ON : History.OFF;
      return;
    }
    long delta = number - firstNumber;
    long implied = delta >= 0 && delta % 2 == 0 ? delta / 2 : -1;
    if (implied == r.index || implied < 0) {
      return;
    }
    if (implied > r.index) {
      long lost = implied - r.index;
      damage(r.line, r.index, Damage.Kind.LOST_RECORDS, String.format(
          "gdb's value $%d belongs to record %d: %d record(s) before it are missing (lost to damage or moved); counted as skipped",
          number, implied, lost), true);
      records += lost;
      skipped += lost;
      r.index = implied;
    } else {
      damage(r.line, r.index, Damage.Kind.OUT_OF_ORDER, String.format(
          "gdb's value $%d belongs to record %d, which came before: a duplicated or misplaced record, dropped",
          number, implied), true);
      r.outOfPlace = true;
      records--;
    }
  }

  /**
   * gdb prints a warning where it is when it meets one, also in the middle of a frame's argument
   * list (evaluating an argument's entry value: {@code warning: left shift count is negative}); the
   * warning ends that line and the frame's text goes on at the start of the line after the warning
   * lines. Such a frame is joined again, its warnings dropped: the record is whole.
   */
  private boolean joinCutFrame(Record r, String line) {
    String text = r.wrappedFrame == null ? r.pendingFrame : r.wrappedFrame.toString();
    int cut = text.lastIndexOf(GDB_WARNING);
    if (cut < 0) {
      return false;
    }
    r.wrappedFrame = new StringBuilder(cut + line.length()).append(text, 0, cut).append(line);
    r.pendingKnown = null;
    r.heldWarnings.clear();
    return true;
  }

  /**
   * A line that may be the rest of a frame gdb's warning cut (gdb goes on with the next argument's
   * name): none of a record's own kinds of line. A line starting with a digit is taken for gdb's
   * source line, as the fast pass ({@link LogPiece}) takes it without reading it.
   */
  private static boolean continuesFrame(String line) {
    if (line.isEmpty()) {
      return false;
    }
    char first = line.charAt(0);
    return first != '#' && first != '$' && (first < '0' || first > '9')
        && !line.startsWith("Backtrace stopped:") && !line.startsWith("(More stack frames follow")
        && !line.contains("Cannot access memory at address");
  }

  private void flushFrame(Record r) {
    if (r.pendingFrame == null) {
      return;
    }
    flushPendingFrame(r);
    for (HeldWarning w : r.heldWarnings) {
      damage(w.line(), r.index, Damage.Kind.GDB_MESSAGE, printable(w.text()), false);
      r.damaged = true;
    }
    r.heldWarnings.clear();
  }

  private void flushPendingFrame(Record r) {
    FrameLines.Known k = r.pendingKnown;
    r.pendingKnown = null;
    if (k != null && r.wrappedFrame == null) {
      r.pendingFrame = null;
      if (k.level() > 0) {
        r.trace.add(k.frame());
      }
      return;
    }
    String text = r.wrappedFrame == null ? r.pendingFrame : r.wrappedFrame.toString();
    r.pendingFrame = null;
    r.wrappedFrame = null;
    int space = text.indexOf(' ');
    int level = space < 0 ? -1 : Values.parseLevel(text, 1, space);
    Frame frame = space < 0 ? null : frame(text, space + 1);
    if (frame == null || level < 0) {
      damage(r.pendingFrameLine, r.index, Damage.Kind.UNEXPECTED_LINE, "unreadable frame: " + printable(text), false);
      r.damaged = true;
    } else if (level > 0) {
      r.trace.add(frame);
    }
  }

  /** The frame whose text starts at {@code from} in {@code line}. */
  private Frame frame(String line, int from) {
    Frame cached = frames.get(line);
    if (cached != null) {
      return cached;
    }
    Frame parsed = FrameParser.parse(line.substring(from));
    if (parsed != null) {
      if (frames.size() >= FRAME_CACHE_LIMIT) {
        frames.clear();
      }
      frames.put(line, parsed);
    }
    return parsed;
  }

  /** Ends the open record, if any; {@code atEof} when the file ended inside it. */
  private void endRecord(boolean atEof) {
    Record r = record;
    if (r == null) {
      return;
    }
    record = null;
    flushFrame(r);
    if (r.outOfPlace) {
      return;
    }
    if (!r.body && !atEof && history == History.ON) {
      // gdb prints a stop's source line, frames and values after its hit line: a bare one is text
      // (a dprintf's or the program's) that reads like a hit; a record lost to damage is still
      // counted by the next record's value numbers
      records--;
      damage(r.line, r.index, Damage.Kind.UNEXPECTED_LINE, "a breakpoint line with nothing of a record after it"
          + " (a dprintf's or the program's text?), not counted as a record: " + printable(r.hit.text()), false);
      return;
    }
    if (r.values.size() < 2 && atEof) {
      // gdb appends the dump after printing the values, so a record cut before them has no snapshot
      records--;
      damage(r.line, r.index, Damage.Kind.CUT_SHORT,
          "the log ends inside record " + r.index + " (an interrupted capture?): not counted", true);
      return;
    }
    // with both values, the arguments only serve the check against them
    Long[] args = r.values.size() == 2 && !full ? null : BreakpointHit.numericArguments(r.frame());
    long start;
    long length;
    if (r.values.size() == 2) {
      start = r.values.get(0);
      length = r.values.get(1);
      if (args != null && (args[0] != start || args[1] != length)) {
        damage(r.line, r.index, Damage.Kind.VALUE_MISMATCH, String.format(
            "breakpoint arguments (%d, %d) disagree with the printed values (%d, %d); the values are used",
            args[0], args[1], start, length), false);
        r.damaged = true;
      }
    } else if (args != null) {
      damage(r.line, r.index, Damage.Kind.MISSING_VALUE, "record " + r.index + " has " + r.values.size()
          + " of its 2 '$k = ' values; start block and length taken from the breakpoint line", false);
      r.damaged = true;
      start = args[0];
      length = args[1];
    } else {
      damage(r.line, r.index, r.values.isEmpty() && !r.badValue ? Damage.Kind.CUT_SHORT : Damage.Kind.MISSING_VALUE,
          "record " + r.index + " has " + r.values.size() + " of its 2 '$k = ' values and no readable breakpoint arguments", true);
      skipped++;
      return;
    }
    start = signedBlock(start);
    if (start < Integer.MIN_VALUE || start > Integer.MAX_VALUE || length < 0 || length > Integer.MAX_VALUE) {
      damage(r.line, r.index, Damage.Kind.OUT_OF_RANGE, String.format(
          "record %d: start block %d, length %d: no heap has that many blocks", r.index, start, length), true);
      skipped++;
      return;
    }
    listener.event(new GcEvent(r.index, r.line, (int) start, (int) length, r.trace, r.damaged));
  }

  /**
   * A start block as the hook's size_t carries it: a block of an area below the first area's pool
   * (a heap that grows) is negative, printed as its two's complement of the target's word (0xffffff80
   * for -128 on a 32-bit target, a 64-bit one past 2^63 reads as a negative long already). No heap
   * has 2^31 blocks, so a number from 2^31 up to 2^32 is a 32-bit word's negative one.
   */
  static long signedBlock(long start) {
    return start >= 1L << 31 && start < 1L << 32 ? start - (1L << 32) : start;
  }

  /**
   * The end of a whole log ({@code name} in the message): a log without a single breakpoint hit is
   * not a gdb log of the hook; otherwise the listener hears the end.
   */
  LogSummary finishLog(Object name) {
    LogSummary summary = finish();
    if (secondCaptureLine >= 0) {
      throw new CaptureException(name + " line " + secondCaptureLine
          + ": a second capture's preamble (heapreel-fact lines) after the records of a first: the log holds"
          + " captures one after the other, as gdb writes them into a log it was told not to overwrite"
          + " (set logging overwrite off), and ram.bin then holds the dumps of both: capture again into an"
          + " empty folder, or cut the log at this line and ram.bin after the first capture's "
          + summary.records() + " dumps");
    }
    if (summary.hook() == null && hookNumber == HookChoice.UNDECIDED) {
      throw new CaptureException(name + ": no breakpoint hit in " + summary.lines() + " lines stops in "
          + HookChoice.HOOK_FUNCTION + ", and the preamble set up several breakpoints in gc.c: which one is the hook"
          + " cannot be told (name the hook function gc_log_change, or keep only the hook's breakpoint in gc.c)");
    }
    if (summary.hook() == null) {
      throw new CaptureException(
          name + ": no breakpoint hit in " + summary.lines() + " lines (expected 'Breakpoint N, hook (...)' records after the preamble)");
    }
    listener.end(summary);
    return summary;
  }

  LogSummary finish() {
    endRecord(true);
    if (part == Part.PREAMBLE) {
      listener.preamble(new Preamble(breakpoints, facts));
    }
    return new LogSummary(records, records - skipped, skipped, damageCount, hook, endHit, lineNumber);
  }

  private void damage(Damage.Kind kind, String detail, boolean skip) {
    damage(lineNumber, record == null ? -1 : record.index, kind, detail, skip);
  }

  private void damage(long line, long recordIndex, Damage.Kind kind, String detail, boolean skip) {
    damageCount++;
    listener.damage(new Damage(line, recordIndex, kind, detail, skip));
  }

  /** gdb's harmless chatter between stops: {@code Continuing.}, {@code [Inferior 1 (process 1) killed]}. */
  private static boolean isGdbNotice(String line) {
    return line.startsWith("Continuing.") || line.startsWith("[") || isCommandEcho(line);
  }

  /** A command gdb echoes before running it under {@code set trace-commands on}: {@code +backtrace}. */
  private static boolean isCommandEcho(String line) {
    return line.startsWith("+");
  }

  /** What {@code thread apply all bt} prints before a thread's frames: {@code Thread 1 (Thread 1.1 (CPU#0 [running])):}. */
  private static boolean isThreadHeader(String line) {
    return line.startsWith("Thread ") && line.endsWith("):") && line.indexOf(" hit ") < 0;
  }

  /** What {@code bt full} prints under a frame that has no local variables to show. */
  private static boolean isNoLocals(String line) {
    return line.equals("No locals.") || line.equals("No symbol table info available.");
  }

  /**
   * A line {@code bt full} prints under a frame: an indented {@code NAME = VALUE}. A frame gdb
   * wrapped continues with its arguments ({@code name=value}, no spaces) or {@code at FILE:LINE}.
   */
  static boolean isLocalVariable(String line) {
    int i = 0;
    while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    int name = i;
    while (i < line.length() && (Character.isLetterOrDigit(line.charAt(i)) || line.charAt(i) == '_')) {
      i++;
    }
    return i > name && !Character.isDigit(line.charAt(name)) && line.startsWith(" = ", i);
  }

  static boolean isAscii(String line) {
    // a byte loop: charAt() per character costs several calls each until the JIT has caught up
    byte[] bytes = line.getBytes(StandardCharsets.ISO_8859_1);
    for (byte b : bytes) {
      if (b < 0 || b == 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** The line for a message: shortened, other bytes as \xNN. */
  static String printable(String line) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < line.length() && b.length() < 160; i++) {
      char c = line.charAt(i);
      if (c >= 0x20 && c <= 0x7e) {
        b.append(c);
      } else {
        b.append(String.format("\\x%02x", (int) c));
      }
    }
    return b.length() < 160 ? "'" + b + "'" : "'" + b + "...'";
  }

  private enum History { UNKNOWN, ON, OFF }

  private record HeldWarning(long line, String text) {}

  private static final class Record {
    long index;
    boolean outOfPlace;
    final long line;
    final BreakpointHit hit;
    private Frame frame;
    private boolean frameRead;
    final List<Frame> trace = new ArrayList<>();
    final List<Long> values = new ArrayList<>(2);
    /** A frame line kept until the next line shows whether gdb wrapped it. */
    String pendingFrame;
    /** The pending frame line read already (from its bytes), or null. */
    FrameLines.Known pendingKnown;
    /** The pending frame with its wrapped continuations, once there is one. */
    StringBuilder wrappedFrame;
    long pendingFrameLine;
    /** gdb's warning lines after the pending frame, until the next line shows whether they cut it. */
    final List<HeldWarning> heldWarnings = new ArrayList<>(0);
    /** Whether the lines now are a frame's local variables ({@code bt full}). */
    boolean inLocals;
    boolean damaged;
    boolean badValue;
    /** Whether any line but a blank one followed the hit line. */
    boolean body;

    Record(long index, long line, BreakpointHit hit) {
      this.index = index;
      this.line = line;
      this.hit = hit;
    }

    /** The hit's stop location as a frame (read once), or null. */
    Frame frame() {
      if (!frameRead) {
        frame = hit.frame();
        frameRead = true;
      }
      return frame;
    }
  }
}
