package io.heapreel.model.gclog;

import java.util.ArrayList;
import java.util.List;

/**
 * One argument of a frame as gdb printed it ({@code map=map@entry=0x20000060 <mp_state_ctx+80>}).
 *
 * @param name the parameter name
 * @param value the printed value, with gdb's {@code name@entry=} repetition removed
 */
public record Argument(String name, String value) {
  /** The symbol annotation of a pointer value ({@code mp_state_ctx+80}), or null. */
  public String symbol() {
    if (!value.startsWith("0x")) {
      return null;
    }
    int open = value.indexOf(" <");
    int close = open < 0 ? -1 : value.indexOf('>', open);
    return close < 0 ? null : value.substring(open + 2, close);
  }

  /** The arguments of a frame's argument text, split at top-level commas. */
  public static List<Argument> split(String arguments) {
    List<Argument> out = new ArrayList<>();
    int start = 0;
    int depth = 0;
    for (int i = 0; i <= arguments.length(); i++) {
      char c = i < arguments.length() ? arguments.charAt(i) : ',';
      if (c == '"' || c == '\'') {
        i = FrameParser.endOfQuote(arguments, i);
        if (i < 0) {
          break;
        }
      } else if (c == '(' || c == '{' || c == '[') {
        depth++;
      } else if (c == ')' || c == '}' || c == ']') {
        depth--;
      } else if (c == ',' && depth == 0) {
        String part = arguments.substring(start, i).strip();
        if (!part.isEmpty()) {
          out.add(of(part));
        }
        start = i + 1;
      }
    }
    return out;
  }

  private static Argument of(String part) {
    int eq = part.indexOf('=');
    if (eq <= 0) {
      return new Argument("", part);
    }
    String name = part.substring(0, eq);
    String value = part.substring(eq + 1);
    String entry = name + "@entry=";
    return new Argument(name, value.startsWith(entry) ? value.substring(entry.length()) : value);
  }
}
