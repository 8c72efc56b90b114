package io.heapreel.pipeline;

import io.heapreel.model.gclog.Frame;

/**
 * An allocation site: the first frame outside the allocator; all null when a trace has none. Summed
 * by its string key ({@link #key()}), whose order is the order of the {@code call_sites} rows.
 */
record CallSite(String function, String file, Integer line) {
  static CallSite of(Frame f) {
    return f == null ? new CallSite(null, null, null) : new CallSite(f.function(), f.file(), f.file() == null ? null : f.line());
  }

  /** The site columns of a table row. */
  static CallSite of(org.apache.avro.generic.GenericRecord row) {
    Object f = row.get("site_function");
    Object file = row.get("site_file");
    return new CallSite(f == null ? null : f.toString(), file == null ? null : file.toString(), (Integer) row.get("site_line"));
  }

  String key() {
    return nullable(function) + '\t' + nullable(file) + '\t' + (line == null ? "" : line.toString());
  }

  static CallSite fromKey(String key) {
    String[] p = key.split("\t", -1);
    return new CallSite(orNull(p[0]), orNull(p[1]), p[2].isEmpty() ? null : Integer.valueOf(p[2]));
  }

  private static String nullable(String s) {
    return s == null ? "" : s;
  }

  private static String orNull(String s) {
    return s.isEmpty() ? null : s;
  }
}
