package io.heapreel.model.gclog;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * gdb prints printable UTF-8 characters of C strings as they are (it escapes everything else in
 * octal), so non-ASCII bytes are normal inside a quoted argument and damage anywhere else.
 */
final class Utf8Strings {
  private Utf8Strings() {}

  /**
   * The line (read as ISO-8859-1) decoded as UTF-8 when its non-ASCII bytes all sit inside double
   * quotes and are valid UTF-8; null otherwise.
   */
  static String decode(String latin1) {
    boolean quoted = false;
    for (int i = 0; i < latin1.length(); i++) {
      char c = latin1.charAt(i);
      if (c == '\\' && quoted) {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c > 0x7e && !quoted) {
        return null;
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1)))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
