package io.heapreel.model.objects;

import io.heapreel.model.capture.Memory;
import java.nio.charset.StandardCharsets;

/** Reading text from target memory without ever reading outside it, and escaping it for display. */
public final class Text {
  private Text() {}

  /**
   * {@code length} bytes at the address (or, with length -1, up to a NUL within {@code max}), as
   * UTF-8; null when the bytes are not all in memory or the terminator is missing.
   */
  public static String cString(Memory memory, long address, int length, int max) {
    if (length >= 0) {
      return length <= max && memory.contains(address, length) ? decode(bytes(memory, address, length)) : null;
    }
    for (int n = 0; n < max && memory.contains(address + n, 1); n++) {
      if (memory.u8(address + n) == 0) {
        return decode(bytes(memory, address, n));
      }
    }
    return null;
  }

  public static byte[] bytes(Memory memory, long address, int length) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) memory.u8(address + i);
    }
    return b;
  }

  public static String decode(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** The first {@code max} characters with control characters, quotes and backslashes escaped. */
  public static String escape(String text, int max) {
    StringBuilder out = new StringBuilder();
    int n = 0;
    for (int i = 0; i < text.length() && n < max; i = text.offsetByCodePoints(i, 1), n++) {
      int c = text.codePointAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\\' -> out.append("\\\\");
        case '\'' -> out.append("\\'");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", c & 0xff));
          } else {
            out.appendCodePoint(c);
          }
        }
      }
    }
    return out.toString();
  }
}
