package io.heapreel.model.gclog;

/**
 * One line of a log and what can be read from it alone, before the state of the reading: its text
 * (UTF-8 decoded when it has bytes outside ASCII), whether it is a breakpoint hit and of which
 * breakpoint, whether it is a {@code $k = value} line and with which number and value. The
 * fast pass ({@link LogScan}) works this out on the threads that split the log into lines, so the
 * one thread that follows the records ({@link LogReading}) only moves from state to state.
 *
 * @param raw the line as read (ISO-8859-1)
 * @param text the line to read: {@code raw}, or its UTF-8 decoding
 * @param undecodable whether it has bytes outside ASCII that are not UTF-8
 * @param hit the breakpoint hit it reports, or null
 * @param valueNumber for a value line, gdb's number k of {@code $k} (-1 when unreadable)
 * @param value for a value line, the value (null when unreadable or not a value line)
 */
record LogLine(
    String raw, String text, boolean undecodable, BreakpointHit hit, int valueNumber, Long value) {
  static LogLine of(String raw) {
    String text = raw;
    boolean undecodable = false;
    if (!LogReading.isAscii(raw)) {
      String decoded = Utf8Strings.decode(raw);
      undecodable = decoded == null;
      text = undecodable ? raw : decoded;
    }
    BreakpointHit hit = text.startsWith("B") || text.startsWith("T") ? BreakpointHit.parse(text) : null;
    int number = -1;
    Long value = null;
    if (text.startsWith("$")) {
      int eq = text.indexOf(" = ");
      number = eq > 1 ? Values.parseLevel(text, 1, eq) : -1;
      value = eq < 0 ? null : Values.parse(text.substring(eq + 3));
    }
    return new LogLine(raw, text, undecodable, hit, number, value);
  }
}
