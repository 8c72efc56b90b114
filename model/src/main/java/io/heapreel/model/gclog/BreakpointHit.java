package io.heapreel.model.gclog;

/**
 * A line where gdb reports a stop at a breakpoint:
 *
 * <pre>
 *   [Thread N ["name"] hit ](Breakpoint|Temporary breakpoint) N[.M], [0xPC in ]FUNCTION (ARGS) at FILE:LINE
 * </pre>
 *
 * Whether a line is a hit, and of which breakpoint, is read without the stop location; {@link
 * #frame} reads that on demand (the fast pass needs it only for the few records whose values are
 * missing).
 *
 * @param location what follows {@code N, }: the stop location
 */
record BreakpointHit(int number, String location, String text) {
  private static final String[] KINDS = {"Breakpoint ", "Temporary breakpoint "};

  static BreakpointHit parse(String line) {
    String text = line;
    if (text.startsWith("Thread ")) {
      int hit = text.indexOf(" hit ");
      if (hit < 0) {
        return null;
      }
      text = text.substring(hit + 5);
    }
    for (String kind : KINDS) {
      if (text.startsWith(kind)) {
        int comma = text.indexOf(", ", kind.length());
        int number = comma < 0 ? -1 : number(text, kind.length(), comma);
        if (number < 0) {
          return null;
        }
        return new BreakpointHit(number, text.substring(comma + 2), line);
      }
    }
    return null;
  }

  /**
   * The breakpoint's number in {@code N} or {@code N.M}: gdb numbers the hit of a breakpoint with
   * several locations (an inlined function, a line in several copies of code) by its location too.
   */
  private static int number(String text, int from, int to) {
    int dot = text.indexOf('.', from);
    if (dot < 0 || dot > to) {
      return Values.parseLevel(text, from, to);
    }
    return Values.parseLevel(text, dot + 1, to) < 0 ? -1 : Values.parseLevel(text, from, dot);
  }

  /** A preamble line {@code Breakpoint N at 0xADDR: WHERE}, or null. */
  static Breakpoint setUp(String line) {
    if (!line.startsWith("Breakpoint ")) {
      return null;
    }
    int at = line.indexOf(" at ", 11);
    int number = at < 0 ? -1 : Values.parseLevel(line, 11, at);
    if (number < 0) {
      return null;
    }
    String rest = line.substring(at + 4);
    int colon = rest.indexOf(':');
    if (rest.startsWith("0x")) {
      long address = FrameParser.parseHex(rest, 2, colon < 0 ? rest.length() : colon);
      String where = colon < 0 ? "" : rest.substring(colon + 1).strip();
      return new Breakpoint(number, address, where);
    }
    return new Breakpoint(number, -1, rest.strip());
  }

  /** The stop location read like a frame (parsed at each call), or null when it cannot be read. */
  Frame frame() {
    return FrameParser.parse(location);
  }

  /**
   * The first two arguments of a hit's frame as numbers ({@code start_block=3, length=1}), whatever
   * their names, or null when there are not two numeric ones (or no frame).
   */
  static Long[] numericArguments(Frame frame) {
    if (frame == null) {
      return null;
    }
    // the first two of the ", "-separated arguments, by indexOf: String.split compiles a regular
    // expression for every call when the separator is two characters (once per log record)
    String arguments = frame.arguments();
    int first = arguments.indexOf(", ");
    if (first < 0) {
      return null;
    }
    int second = arguments.indexOf(", ", first + 2);
    String[] parts = {arguments.substring(0, first), second < 0 ? arguments.substring(first + 2) : arguments.substring(first + 2, second)};
    Long[] out = new Long[2];
    for (int i = 0; i < 2; i++) {
      int eq = parts[i].lastIndexOf('=');
      Long v = Values.parse(parts[i].substring(eq + 1));
      if (v == null) {
        return null;
      }
      out[i] = v;
    }
    return out;
  }
}
