package io.heapreel.model.gclog;

/**
 * Reads the body of one gdb frame line, the part after {@code #N}:
 *
 * <pre>
 *   [0xPC in ] FUNCTION [(ARGUMENTS)] [at FILE:LINE | from LIBRARY]
 * </pre>
 *
 * Arguments may hold strings, parentheses and {@code <symbol+off>} annotations, so the closing
 * parenthesis is found by counting, outside quotes.
 */
final class FrameParser {
  private FrameParser() {}

  /** The frame, or null when the text is not a frame gdb could have printed. */
  static Frame parse(String body) {
    String text = body.strip();
    long pc = Frame.NO_PC;
    if (text.startsWith("0x")) {
      int in = text.indexOf(" in ");
      if (in < 0) {
        return null;
      }
      pc = parseHex(text, 2, in);
      if (pc < 0) {
        return null;
      }
      text = text.substring(in + 4).stripLeading();
    }
    int open = text.indexOf(" (");
    String function;
    String arguments = "";
    String rest;
    if (open < 0) {
      function = cutLocation(text)[0];
      rest = text.substring(function.length());
    } else {
      function = text.substring(0, open);
      int close = closingParenthesis(text, open + 1);
      if (close < 0) {
        return null;
      }
      arguments = text.substring(open + 2, close);
      rest = text.substring(close + 1);
    }
    if (function.isEmpty() || function.indexOf('(') >= 0 || function.indexOf(')') >= 0) {
      return null;
    }
    return withLocation(pc, function, arguments, rest.strip());
  }

  private static Frame withLocation(long pc, String function, String arguments, String rest) {
    if (rest.isEmpty()) {
      return new Frame(pc, function, arguments, null, 0, null);
    }
    if (rest.startsWith("at ")) {
      String where = rest.substring(3).strip();
      int colon = where.lastIndexOf(':');
      if (colon > 0) {
        try {
          int line = Integer.parseInt(where.substring(colon + 1));
          return new Frame(pc, function, arguments, where.substring(0, colon), line, null);
        } catch (NumberFormatException e) {
          return null;
        }
      }
      return null;
    }
    if (rest.startsWith("from ")) {
      return new Frame(pc, function, arguments, null, 0, rest.substring(5).strip());
    }
    return null;
  }

  /** For a frame without an argument list: {function, rest}. */
  private static String[] cutLocation(String text) {
    for (String marker : new String[] {" at ", " from "}) {
      int i = text.indexOf(marker);
      if (i > 0) {
        return new String[] {text.substring(0, i), text.substring(i)};
      }
    }
    return new String[] {text, ""};
  }

  /** Index of the parenthesis closing the one at {@code open}, skipping quoted text; -1 if none. */
  static int closingParenthesis(String s, int open) {
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\'') {
        i = endOfQuote(s, i);
        if (i < 0) {
          return -1;
        }
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static int endOfQuote(String s, int start) {
    char quote = s.charAt(start);
    for (int i = start + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == quote) {
        return i;
      }
    }
    return -1;
  }

  /** Hex digits of s[from, to), or -1. */
  static long parseHex(String s, int from, int to) {
    if (to <= from || to - from > 16) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = Character.digit(s.charAt(i), 16);
      if (d < 0) {
        return -1;
      }
      v = (v << 4) | d;
    }
    return v;
  }
}
