package io.heapreel.model.gclog;

import io.heapreel.model.error.CaptureException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams a gdb capture log to a {@link GcLogListener}, one event per hook record, in constant
 * memory.
 *
 * <p>The hook is not named in advance: the first breakpoint hit says which breakpoint the records
 * belong to, unless it stops elsewhere than the hook function and the preamble set up one
 * breakpoint in gc.c ({@link HookChoice}); a hit of any other breakpoint (the one that ends the
 * capture, one of the user's own) is passed over with what gdb printed there, and the last such hit
 * is reported as the end. Damage is reported with its line
 * and never merges two records: a record ends at a blank line once its values are read, at the
 * next hit, or at the end of the file.
 *
 * <p>The file is read as ISO-8859-1 so any byte decodes; bytes outside ASCII are reported.
 */
public final class GcLogParser {
  /** Preamble lines {@code heapreel-fact NAME = VALUE} are capture facts (see scripts/capture.gdb). */
  public static final String FACT_PREFIX = "heapreel-fact ";

  private GcLogParser() {}

  /** The error for a log that cannot be read, naming it. */
  static CaptureException unreadable(Path log, IOException e) {
    return new CaptureException(log + ": cannot read the gdb log (" + e.getMessage() + ")", e);
  }

  public static LogSummary parse(Path log, GcLogListener listener) {
    try (InputStream in = Files.newInputStream(log)) {
      return parse(in, log, listener);
    } catch (IOException e) {
      throw unreadable(log, e);
    }
  }

  /**
   * Only the preamble (breakpoints and capture facts), reading no further than the first hit: for
   * whoever needs the facts before the records, such as the heap finder.
   */
  public static Preamble preamble(Path log) {
    Preamble[] found = new Preamble[1];
    LogReading reading = new LogReading(new GcLogListener() {
      @Override
      public void preamble(Preamble p) {
        found[0] = p;
      }

      @Override
      public void event(GcEvent event) {}
    });
    try (InputStream in = Files.newInputStream(log)) {
      Latin1Lines lines = new Latin1Lines(in);
      String line;
      while (found[0] == null && (line = lines.next()) != null) {
        reading.line(line, lines.ascii());
      }
    } catch (IOException e) {
      throw unreadable(log, e);
    }
    if (found[0] == null) {
      reading.finish();
    }
    return found[0];
  }

  /** The log read from {@code in} as bytes; {@code name} is the file name used in messages. */
  static LogSummary parse(InputStream in, Object name, GcLogListener listener) throws IOException {
    LogReading reading = new LogReading(listener);
    Latin1Lines lines = new Latin1Lines(in);
    while (lines.advance()) {
      reading.line(lines);
    }
    return reading.finishLog(name);
  }

  /** {@code name} is the file name used in messages. */
  public static LogSummary parse(BufferedReader reader, String name, GcLogListener listener) throws IOException {
    LogReading reading = new LogReading(listener);
    String line;
    while ((line = reader.readLine()) != null) {
      reading.line(line);
    }
    return reading.finishLog(name);
  }
}
