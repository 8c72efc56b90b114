package io.heapreel.pipeline;

import java.util.Comparator;

/**
 * Orders lines as text, but runs of digits by their value: {@code line 1002} before {@code line
 * 10008}, so damage lines come in the order of the file and snapshots they name.
 */
final class NumbersInOrder implements Comparator<String> {
  static final NumbersInOrder INSTANCE = new NumbersInOrder();

  private NumbersInOrder() {}

  @Override
  public int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char x = a.charAt(i);
      char y = b.charAt(j);
      if (isDigit(x) && isDigit(y)) {
        int aEnd = digitsEnd(a, i);
        int bEnd = digitsEnd(b, j);
        int c = compareNumbers(a, skipZeros(a, i, aEnd), aEnd, b, skipZeros(b, j, bEnd), bEnd);
        if (c != 0) {
          return c;
        }
        i = aEnd;
        j = bEnd;
      } else if (x != y) {
        return Character.compare(x, y);
      } else {
        i++;
        j++;
      }
    }
    int c = Integer.compare(a.length() - i, b.length() - j);
    return c != 0 ? c : a.compareTo(b);
  }

  /** Two runs of digits without leading zeros: the longer is larger, else the first digit that differs. */
  private static int compareNumbers(String a, int aFrom, int aTo, String b, int bFrom, int bTo) {
    int c = Integer.compare(aTo - aFrom, bTo - bFrom);
    for (int k = 0; c == 0 && k < aTo - aFrom; k++) {
      c = Character.compare(a.charAt(aFrom + k), b.charAt(bFrom + k));
    }
    return c;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int digitsEnd(String s, int from) {
    int i = from;
    while (i < s.length() && isDigit(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int skipZeros(String s, int from, int to) {
    int i = from;
    while (i < to - 1 && s.charAt(i) == '0') {
      i++;
    }
    return i;
  }
}
