package io.heapreel.model.gclog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a stream, ended as {@code BufferedReader.readLine} ends them ({@code \n}, {@code \r}
 * or {@code \r\n}), as bytes in a buffer: each with whether it is ASCII and the hash its ISO-8859-1
 * string would have, found in the one scan that looks for its end. A line becomes a string only when
 * asked ({@link #string()}), so the log's commonest lines (frames already seen, values, source
 * lines) are read from the bytes without one.
 */
final class Latin1Lines {
  private final InputStream in;
  private byte[] buf;
  private int pos;
  private int end;
  private boolean eof;
  private boolean afterCr;
  private int lineStart;
  private int lineEnd;
  private boolean ascii;
  private int hash;

  Latin1Lines(InputStream in) {
    this(in, 1 << 16);
  }

  /** {@code bufferSize}: the first buffer; it grows for a longer line. */
  Latin1Lines(InputStream in, int bufferSize) {
    this.in = in;
    this.buf = new byte[bufferSize];
  }

  /**
   * Moves to the next line; false at the end of the stream. The bytes of the line before are no
   * longer there afterwards.
   */
  boolean advance() throws IOException {
    if (afterCr) {
      afterCr = false;
      if ((pos < end || fill(pos)) && buf[pos] == '\n') {
        pos++;
      }
    }
    int i = pos;
    int h = 0;
    boolean plain = true;
    while (true) {
      byte[] b = buf;
      int e = end;
      while (i < e) {
        byte c = b[i];
        if (c == '\n' || c == '\r') {
          lineStart = pos;
          lineEnd = i;
          afterCr = c == '\r';
          pos = i + 1;
          ascii = plain;
          hash = h;
          return true;
        }
        if (c < 0 || c == 0x7f) {
          plain = false;
        }
        h = 31 * h + (c & 0xff);
        i++;
      }
      int moved = pos;
      if (!fill(i)) {
        break;
      }
      i -= moved - pos;
    }
    if (pos == end) {
      return false;
    }
    lineStart = pos;
    lineEnd = end;
    pos = end;
    ascii = plain;
    hash = h;
    return true;
  }

  /**
   * Reads more bytes after {@code end}, keeping those from {@code pos} on (moved to the buffer's
   * start); {@code i} is where the scan stands. False when the stream has ended.
   */
  private boolean fill(int i) throws IOException {
    if (eof) {
      return false;
    }
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, end - pos);
      end -= pos;
      pos = 0;
    }
    if (end == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    int n = in.read(buf, end, buf.length - end);
    if (n < 0) {
      eof = true;
      return false;
    }
    end += n;
    return true;
  }

  /** The next line without its end, or null at the end of the stream. */
  String next() throws IOException {
    return advance() ? string() : null;
  }

  /** The current line as an ISO-8859-1 string. */
  String string() {
    return new String(buf, lineStart, lineEnd - lineStart, StandardCharsets.ISO_8859_1);
  }

  /** Whether the current line has only ASCII bytes (no DEL either). */
  boolean ascii() {
    return ascii;
  }

  /** The current line's {@link String#hashCode()} as an ISO-8859-1 string. */
  int hash() {
    return hash;
  }

  /** The buffer that holds the current line, from {@link #start()} to {@link #end()}; not to be changed. */
  byte[] bytes() {
    return buf;
  }

  int start() {
    return lineStart;
  }

  int end() {
    return lineEnd;
  }
}
