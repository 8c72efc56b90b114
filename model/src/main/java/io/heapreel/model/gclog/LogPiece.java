package io.heapreel.model.gclog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Queue;

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

  /**
   * Which lines of a piece reach the reading: the {@link #counted} ones, and with {@code callers}
   * also enough frame lines that each record's first frame above the hook's own is among them, as
   * the full parser reads it (what tells a sweep from a free, {@link GcEvent#caller}): every frame
   * line but {@code #0}, and but a {@code #L} (L of 2 or more) after a frame of level 1 or more in
   * the same record, which then comes first; and every wrapped line while the last frame was kept,
   * so a kept frame is read whole. A record starts at a hit, a line starting with B or T. At a
   * piece's start the lines before are not known: frames and wrapped lines there are kept. In both
   * modes a frame line left out is read after all when the line after it is a counted one of none of
   * a record's kinds (the rest of a frame a gdb warning cut, which the reading joins to it, or
   * damage), or when it is the piece's last line (the next piece's first may be such a line).
   */
  private static final class Keep {
    private final boolean callers;
    /** Whether a frame of level 1 or more was seen since the last line that may be a hit. */
    private boolean callerSeen;
    /** Whether wrapped lines may belong to a kept frame now. */
    private boolean keepWrapped = true;

    Keep(boolean callers) {
      this.callers = callers;
    }

    /** The line before this one, when it was a frame line left out: its start (else -1) and end. */
    private int skippedFrameStart = -1;
    private int skippedFrameEnd;
    /** The frame line to read before the line just kept: its start (else -1) and end. */
    private int frameBeforeStart = -1;
    private int frameBeforeEnd;

    boolean keep(byte[] b, int start, int end) {
      byte first = end == start ? 0 : b[start];
      boolean keep = decide(b, start, end, first);
      // a line of none of a record's kinds right after a frame line left out may be the rest of that
      // frame (gdb's warnings cut it; LogReading joins the two), so that frame line is read as well
      boolean odd = first != 'B' && first != 'T' && first != '$' && first != 0;
      frameBeforeStart = keep && odd ? skippedFrameStart : -1;
      frameBeforeEnd = skippedFrameEnd;
      skippedFrameStart = !keep && first == '#' ? start : -1;
      skippedFrameEnd = end;
      return keep;
    }

    /** The start of the frame line to keep before the line just kept, or -1. */
    int frameBeforeStart() {
      return frameBeforeStart;
    }

    int frameBeforeEnd() {
      return frameBeforeEnd;
    }

    private boolean decide(byte[] b, int start, int end, byte first) {
      if (!callers) {
        return counted(first);
      }
      if (mayBeWrapped(first) && !blank(b, start, end)) {
        // a line the full parser may append to the frame before it (its text decoded, it may start
        // with a blank outside ASCII): kept while that frame may be a kept one
        return keepWrapped || counted(first);
      }
      if (first == 'B' || first == 'T') {
        callerSeen = false;
      }
      if (first != '#') {
        keepWrapped = false;
        return counted(first);
      }
      int level = level(b, start, end);
      boolean keep = level != 0 && !(level >= 2 && callerSeen);
      callerSeen |= level >= 1;
      keepWrapped = keep;
      return keep;
    }

    private static boolean mayBeWrapped(byte first) {
      return first < 0 || first != 0 && Character.isWhitespace((char) first);
    }

    /** The frame's level as {@link LogReading} reads it (the digits between '#' and the first space), or -1. */
    private static int level(byte[] b, int start, int end) {
      int space = start;
      while (space < end && b[space] != ' ') {
        space++;
      }
      if (space == end || space - start - 1 <= 0 || space - start - 1 > 9) {
        return -1; // no space on the line itself (the reader may find one in a wrapped line): kept
      }
      int v = 0;
      for (int i = start + 1; i < space; i++) {
        if (b[i] < '0' || b[i] > '9') {
          return -1;
        }
        v = v * 10 + (b[i] - '0');
      }
      return v;
    }

    private static boolean blank(byte[] b, int start, int end) {
      for (int i = start; i < end; i++) {
        if (!Character.isWhitespace((char) (b[i] & 0xff))) {
          return false;
        }
      }
      return true;
    }
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

  /** Receives the lines of some bytes: line {@code index} (0-based) is {@code b[start, end)}. */
  interface Lines {
    void line(int index, byte[] b, int start, int end);
  }

  /**
   * The counted lines of {@code [from, to)} of the file; both must be line starts (or the end).
   * {@code buffers} lends the bytes' buffer and takes it back (the pieces' lines are copies).
   */
  static LogPiece read(FileChannel ch, long from, long to, Queue<byte[]> buffers, boolean callers) throws IOException {
    int n = Math.toIntExact(to - from);
    byte[] b = bytes(ch, from, n, buffers.poll());
    try {
      return of(from, b, n, callers);
    } finally {
      buffers.offer(b);
    }
  }

  private static LogPiece of(long from, byte[] bytes, int n, boolean callers) {
    int[][] keptAt = {new int[64]};
    LogLine[][] kept = {new LogLine[64]};
    int[] count = {0};
    Keep keep = new Keep(callers);
    LogPiece.Lines add = (index, b, start, end) -> {
      int k = count[0]++;
      if (k == kept[0].length) {
        keptAt[0] = Arrays.copyOf(keptAt[0], k * 2);
        kept[0] = Arrays.copyOf(kept[0], k * 2);
      }
      keptAt[0][k] = index;
      kept[0][k] = line(b, start, end);
    };
    int lines = split(bytes, n, (index, b, start, end) -> {
      if (keep.keep(b, start, end)) {
        if (keep.frameBeforeStart() >= 0) {
          add.line(index - 1, b, keep.frameBeforeStart(), keep.frameBeforeEnd());
        }
        add.line(index, b, start, end);
      }
    });
    if (keep.skippedFrameStart >= 0) {
      add.line(lines - 1, bytes, keep.skippedFrameStart, keep.skippedFrameEnd); // the next piece's first line may continue it
    }
    return new LogPiece(from, lines, Arrays.copyOf(keptAt[0], count[0]), Arrays.copyOf(kept[0], count[0]));
  }

  /** Splits {@code b[0, n)} into lines as {@link java.io.BufferedReader#readLine} does; returns how many. */
  static int split(byte[] b, int n, Lines to) {
    int lines = 0;
    int i = 0;
    while (i < n) {
      int end = i;
      while (end < n && b[end] != '\n' && b[end] != '\r') {
        end++;
      }
      to.line(lines++, b, i, end);
      i = end < n && b[end] == '\r' && end + 1 < n && b[end + 1] == '\n' ? end + 2 : end + 1;
    }
    return lines;
  }

  /** The line {@code b[start, end)}, read alone. */
  static LogLine line(byte[] b, int start, int end) {
    return end == start ? BLANK : LogLine.of(new String(b, start, end - start, StandardCharsets.ISO_8859_1));
  }

  /** {@code n} bytes of the file from {@code from}, in {@code buffer} when it is large enough (or null). */
  static byte[] bytes(FileChannel ch, long from, int n, byte[] buffer) throws IOException {
    byte[] b = buffer != null && buffer.length >= n ? buffer : new byte[n];
    readFully(ch, b, n, from);
    return b;
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
