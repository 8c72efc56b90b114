package io.heapreel.model.objects;

import java.util.List;

/**
 * What an object says about itself.
 *
 * @param name class name (classes, instances), function name, or null
 * @param preview text of a str/bytes (escaped, at most 64 characters), a number, a size; or null
 * @param keys keys of a dict or of an instance's attributes, else null
 * @param flagged true when something could not be read (a pointer outside the capture, a bad
 *     length, a missing terminator): the preview says what
 */
public record Description(String name, String preview, List<String> keys, boolean flagged) {
  public static final Description NONE = new Description(null, null, null, false);

  public static Description flagged(String why) {
    return new Description(null, "<" + why + ">", null, true);
  }
}
