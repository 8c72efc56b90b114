package io.heapreel.model.gclog;

/** Numbers as gdb prints them. */
final class Values {
  private Values() {}

  /** {@code 0x1f} or {@code 31} (optionally after a {@code (type)} cast), or null. */
  static Long parse(String text) {
    String t = text.strip();
    int space = t.lastIndexOf(' ');
    if (t.startsWith("(") && space > 0) {
      t = t.substring(space + 1);
    }
    if (t.startsWith("0x")) {
      long v = FrameParser.parseHex(t, 2, t.length());
      if (v >= 0) {
        return v;
      }
      // sixteen digits from 8 on: a 64-bit word past 2^63 (a negative start block's two's complement)
      return t.length() == 18 && Character.digit(t.charAt(2), 16) >= 8 && hexDigits(t, 2) ? v : null;
    }
    if (t.isEmpty() || t.length() > 18) {
      return null;
    }
    long v = 0;
    int i = t.charAt(0) == '-' ? 1 : 0;
    if (i == t.length()) {
      return null;
    }
    for (int j = i; j < t.length(); j++) {
      char c = t.charAt(j);
      if (c < '0' || c > '9') {
        return null;
      }
      v = v * 10 + (c - '0');
    }
    return i == 1 ? -v : v;
  }

  private static boolean hexDigits(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /** A non-negative decimal in s[from, to), or -1. */
  static int parseLevel(String s, int from, int to) {
    if (to <= from || to - from > 9) {
      return -1;
    }
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
