package io.heapreel.model.gclog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a stream as ISO-8859-1 strings, ended as {@code BufferedReader.readLine} ends them
 * ({@code \n}, {@code \r} or {@code \r\n}), each with whether it is ASCII: made from the bytes in one
 * copy, where a reader decodes them to chars, copies those into a line and compresses them back to
 * bytes, and the ASCII check then copied them once more.
 */
final class Latin1Lines {
  private final InputStream in;
  private byte[] buf;
  private int pos;
  private int end;
  private boolean eof;
  private boolean afterCr;
  private boolean ascii;

  Latin1Lines(InputStream in) {
    this(in, 1 << 16);
  }

  /** {@code bufferSize}: the first buffer; it grows for a longer line. */
  Latin1Lines(InputStream in, int bufferSize) {
    this.in = in;
    this.buf = new byte[bufferSize];
  }

  /** The next line without its end, or null at the end of the stream. */
  String next() throws IOException {
    int i = pos;
    boolean plain = true;
    while (true) {
      if (i == end) {
        if (eof) {
          break;
        }
        if (pos > 0) {
          System.arraycopy(buf, pos, buf, 0, end - pos);
          i -= pos;
          end -= pos;
          pos = 0;
        }
        if (end == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
          eof = true;
        } else {
          end += n;
        }
        continue;
      }
      byte b = buf[i];
      if (afterCr) {
        afterCr = false;
        if (b == '\n') {
          pos = ++i;
          continue;
        }
      }
      if (b == '\n' || b == '\r') {
        String line = new String(buf, pos, i - pos, StandardCharsets.ISO_8859_1);
        afterCr = b == '\r';
        pos = i + 1;
        ascii = plain;
        return line;
      }
      if (b < 0 || b == 0x7f) {
        plain = false;
      }
      i++;
    }
    if (pos == end) {
      return null;
    }
    String line = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
    pos = end;
    ascii = plain;
    return line;
  }

  /** Whether the line {@link #next} returned last has only ASCII bytes (no DEL either). */
  boolean ascii() {
    return ascii;
  }
}
