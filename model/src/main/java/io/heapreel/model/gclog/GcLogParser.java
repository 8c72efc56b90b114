package io.heapreel.model.gclog;

import io.heapreel.model.error.CaptureException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams a gdb capture log to a {@link GcLogListener}, one event per hook record, in constant
 * memory.
 *
 * <p>The hook is not named in advance: the first breakpoint hit says which breakpoint the records
 * belong to; a hit of any other breakpoint (the one that ends the capture) is passed over with
 * what gdb printed there, and the last such hit is reported as the end. Damage is reported with its line
 * and never merges two records: a record ends at a blank line once its values are read, at the
 * next hit, or at the end of the file.
 *
 * <p>The file is read as ISO-8859-1 so any byte decodes; bytes outside ASCII are reported.
 */
public final class GcLogParser {
  /** Preamble lines {@code heapreel-fact NAME = VALUE} are capture facts (see scripts/capture.gdb). */
  public static final String FACT_PREFIX = "heapreel-fact ";

  private GcLogParser() {}

  public static LogSummary parse(Path log, GcLogListener listener) {
    try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.ISO_8859_1)) {
      return parse(reader, log.toString(), listener);
    } catch (IOException e) {
      throw new CaptureException(log + ": cannot read the gdb log (" + e.getMessage() + ")", e);
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
    try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.ISO_8859_1)) {
      String line;
      while (found[0] == null && (line = reader.readLine()) != null) {
        reading.line(line);
      }
    } catch (IOException e) {
      throw new CaptureException(log + ": cannot read the gdb log (" + e.getMessage() + ")", e);
    }
    if (found[0] == null) {
      reading.finish();
    }
    return found[0];
  }

  /**
   * The fast pass: the same records, indices, lines, start blocks and lengths as {@link #parse},
   * but over the mapped bytes, making a String only of the lines that can change them (breakpoint
   * hits, {@code $k} values, blank lines, preamble facts); frames, source lines and wrapped lines are
   * only counted, so every event's trace is empty and damage confined to them goes unreported.
   * Lines end as {@link BufferedReader#readLine} ends them.
   */
  public static LogSummary scan(Path log, GcLogListener listener) {
    return scan(log, 1, Long.MAX_VALUE, listener);
  }

  /**
   * The records of lines {@code from} to {@code to} (1-based, inclusive) parsed in full, traces
   * included, as if the log began there: for the one record a caller needs the trace of, starting
   * at its breakpoint line.
   */
  public static void parseLines(Path log, long from, long to, GcLogListener listener) {
    scan(log, from, to, listener);
  }

  private static LogSummary scan(Path log, long from, long to, GcLogListener listener) {
    boolean fast = from == 1 && to == Long.MAX_VALUE;
    LogReading reading = new LogReading(listener);
    try (FileChannel ch = FileChannel.open(log, StandardOpenOption.READ)) {
      long size = ch.size();
      long lineNo = 0;
      long base = 0;
      byte[] buf = new byte[256];
      boolean pendingCr = false;
      while (base < size && lineNo < to) {
        long span = Math.min(size - base, 1L << 30);
        MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, base, span);
        int n = (int) span;
        int i = 0;
        if (pendingCr && n > 0 && m.get(0) == '\n') {
          i = 1; // the \n of a \r\n split across mappings
        }
        pendingCr = false;
        while (i < n && lineNo < to) {
          int start = i;
          int end = i;
          while (end < n) {
            byte b = m.get(end);
            if (b == '\n' || b == '\r') {
              break;
            }
            end++;
          }
          if (end == n && base + n < size) {
            break; // the line runs into the next mapping: map again from its start
          }
          lineNo++;
          int next = end;
          if (end < n) {
            next = end + 1;
            if (m.get(end) == '\r') {
              if (end + 1 < n) {
                if (m.get(end + 1) == '\n') {
                  next = end + 2;
                }
              } else {
                pendingCr = true;
              }
            }
          }
          i = next;
          if (lineNo < from) {
            continue;
          }
          int len = end - start;
          byte first = len == 0 ? 0 : m.get(start);
          if (fast && (first == '#' || first == ' ' || first == '\t' || (first >= '0' && first <= '9'))) {
            reading.skipLine();
            continue;
          }
          if (len > buf.length) {
            buf = new byte[Math.max(len, buf.length * 2)];
          }
          m.get(start, buf, 0, len);
          reading.line(new String(buf, 0, len, StandardCharsets.ISO_8859_1));
        }
        if (i == 0 && n > 0 && lineNo < to) {
          // one line longer than a mapping: read it as the full parser would
          return parse(log, listener);
        }
        base += i;
      }
    } catch (IOException e) {
      throw new CaptureException(log + ": cannot read the gdb log (" + e.getMessage() + ")", e);
    }
    LogSummary summary = reading.finish();
    if (fast) {
      if (summary.hook() == null) {
        throw new CaptureException(log + ": no breakpoint hit in " + summary.lines()
            + " lines (expected 'Breakpoint N, hook (...)' records after the preamble)");
      }
      listener.end(summary);
    }
    return summary;
  }

  /** {@code name} is the file name used in messages. */
  public static LogSummary parse(BufferedReader reader, String name, GcLogListener listener) throws IOException {
    LogReading reading = new LogReading(listener);
    String line;
    while ((line = reader.readLine()) != null) {
      reading.line(line);
    }
    LogSummary summary = reading.finish();
    if (summary.hook() == null) {
      throw new CaptureException(
          name + ": no breakpoint hit in " + summary.lines() + " lines (expected 'Breakpoint N, hook (...)' records after the preamble)");
    }
    listener.end(summary);
    return summary;
  }
}
