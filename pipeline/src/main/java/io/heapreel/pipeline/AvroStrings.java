package io.heapreel.pipeline;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.util.Utf8;

/**
 * Row strings as Avro {@link Utf8}, each distinct string encoded once. Parquet's Avro writer takes a
 * Utf8 as its bytes but runs every {@link String} through a charset encoder, and the log's function
 * and file names repeat in every trace: encoding them was the largest part of writing the
 * {@code events} table. At most {@value #KEPT} strings are kept, so memory stays bounded; a string
 * beyond them is encoded each time. Not thread-safe: one instance per thread that makes rows.
 */
final class AvroStrings {
  static final int KEPT = 1 << 16;

  private final Map<String, Utf8> encoded = new HashMap<>();

  /** The string as Utf8; null stays null. */
  Utf8 of(String s) {
    if (s == null) {
      return null;
    }
    Utf8 utf8 = encoded.get(s);
    if (utf8 == null) {
      utf8 = new Utf8(s);
      if (encoded.size() < KEPT) {
        encoded.put(s, utf8);
      }
    }
    return utf8;
  }
}
