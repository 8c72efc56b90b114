package io.heapreel.model.gclog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One piece of a log, from a line start to a line start, split into lines as {@link
 * java.io.BufferedReader#readLine} splits them (at {@code \n}, {@code \r} or {@code \r\n}). Only
 * the lines that can start, end or number a record are kept, read as far as they can be alone
 * ({@link LogLine}, {@link #counted}); the others (frames, source lines, wrapped lines) are only
 * counted. Pieces are read on several threads at
 * once and handed to one {@link LogReading} in order.
 *
 * @param offset where the piece starts in the file
 * @param lines how many lines it holds
 * @param keptAt for each kept line, its index among the piece's lines (0-based, ascending)
 * @param kept the kept lines
 */
record LogPiece(long offset, int lines, int[] keptAt, LogLine[] kept) {
  private static final LogLine BLANK = LogLine.of("");

  /**
   * Whether a line whose first byte is {@code first} (0 for an empty line) can change the record
   * count, a record's index, start block or length: all but frames ({@code #}), gdb's source lines
   * (a digit) and wrapped continuations (a space or tab).
   */
  static boolean counted(byte first) {
    return first != '#' && first != ' ' && first != '\t' && (first < '0' || first > '9');
  }

  /** The first line start at or after {@code at} (or the end of the file). */
  static long lineStart(FileChannel ch, long at) throws IOException {
    long size = ch.size();
    if (at <= 0) {
      return 0;
    }
    byte[] window = new byte[4096];
    long from = at - 1; // the byte before a candidate says whether a line starts there
    while (from < size - 1) {
      int n = (int) Math.min(window.length, size - from);
      readFully(ch, window, n, from);
      for (int i = 1; i < n; i++) {
        byte before = window[i - 1];
        if (before == '\n' || before == '\r' && window[i] != '\n') {
          return from + i;
        }
      }
      from += n - 1;
    }
    return size;
  }

  /**
   * Lines {@code [from, to)} of the file; both must be line starts (or the end). With {@code all},
   * every line is kept.
   */
  static LogPiece read(FileChannel ch, long from, long to, boolean all) throws IOException {
    int n = Math.toIntExact(to - from);
    byte[] b = new byte[n];
    readFully(ch, b, n, from);
    int[] keptAt = new int[64];
    LogLine[] kept = new LogLine[64];
    int keptCount = 0;
    int lines = 0;
    int i = 0;
    while (i < n) {
      int end = i;
      while (end < n && b[end] != '\n' && b[end] != '\r') {
        end++;
      }
      if (all || counted(end == i ? 0 : b[i])) {
        if (keptCount == kept.length) {
          keptAt = Arrays.copyOf(keptAt, keptCount * 2);
          kept = Arrays.copyOf(kept, keptCount * 2);
        }
        keptAt[keptCount] = lines;
        kept[keptCount++] = end == i ? BLANK : LogLine.of(new String(b, i, end - i, StandardCharsets.ISO_8859_1));
      }
      lines++;
      i = end < n && b[end] == '\r' && end + 1 < n && b[end + 1] == '\n' ? end + 2 : end + 1;
    }
    return new LogPiece(from, lines, Arrays.copyOf(keptAt, keptCount), Arrays.copyOf(kept, keptCount));
  }

  private static void readFully(FileChannel ch, byte[] into, int n, long at) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(into, 0, n);
    while (buf.hasRemaining()) {
      if (ch.read(buf, at + buf.position()) < 0) {
        throw new IOException("the file ended at " + (at + buf.position()) + " while being read");
      }
    }
  }

  /** Hands the piece's lines to {@code reading}, the kept ones as they are, the others only counted. */
  void feed(LogReading reading) {
    int next = 0;
    for (int k = 0; k < kept.length; k++) {
      reading.skipLines(keptAt[k] - next);
      reading.line(kept[k]);
      next = keptAt[k] + 1;
    }
    reading.skipLines(lines - next);
  }
}
