package io.heapreel.model.gclog;

/**
 * Something in the log that is not what a clean capture prints, with where it is.
 *
 * @param line 1-based log line
 * @param record the ordinal of the record it belongs to, or -1 outside any record
 * @param skipped true when the record could not be used and no event was made of it (its ordinal
 *     is still taken, so later events keep their snapshot index)
 */
public record Damage(long line, long record, Kind kind, String detail, boolean skipped) {
  public enum Kind {
    /** A gdb {@code warning:} or error line inside a record. */
    GDB_MESSAGE,
    /** {@code Cannot access memory at address ...} inside a record. */
    UNREADABLE_MEMORY,
    /** The record ends (end of file or the next breakpoint hit) before its values were printed. */
    CUT_SHORT,
    /** A {@code $k = } value is missing or unreadable. */
    MISSING_VALUE,
    /** The breakpoint line's arguments disagree with the printed values. */
    VALUE_MISMATCH,
    /** Bytes outside ASCII (a corrupted write, or a log in another encoding). */
    NON_ASCII,
    /** A start block or length no heap can have. */
    OUT_OF_RANGE,
    /** gdb's value numbers show that records are missing before this one (their hit lines lost). */
    LOST_RECORDS,
    /** gdb's value numbers show a record that came before: duplicated or moved. */
    OUT_OF_ORDER,
    /** A line that is none of the record's parts, or a frame line that cannot be read. */
    UNEXPECTED_LINE
  }

  @Override
  public String toString() {
    return "line " + line + (record >= 0 ? " (record " + record + ")" : "") + ": " + detail
        + (skipped ? " [record skipped]" : "");
  }
}
