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
    String decoded = text(raw);
    String text = decoded == null ? raw : decoded;
    return new LogLine(raw, text, decoded == null, hit(text), valueNumber(text), value(text));
  }

  /** The line itself when it is ASCII, else its UTF-8 decoding, or null when it is not UTF-8. */
  static String text(String raw) {
    return LogReading.isAscii(raw) ? raw : Utf8Strings.decode(raw);
  }

  /** The breakpoint hit the line reports, or null. */
  static BreakpointHit hit(String text) {
    return text.startsWith("B") || text.startsWith("T") ? BreakpointHit.parse(text) : null;
  }

  /** For a {@code $k = value} line, k (-1 when unreadable or not a value line). */
  static int valueNumber(String text) {
    int eq = text.startsWith("$") ? text.indexOf(" = ") : -1;
    return eq > 1 ? Values.parseLevel(text, 1, eq) : -1;
  }

  /** For a {@code $k = value} line, the value (null when unreadable or not a value line). */
  static Long value(String text) {
    int eq = text.startsWith("$") ? text.indexOf(" = ") : -1;
    return eq < 0 ? null : Values.parse(text.substring(eq + 3));
  }
}
