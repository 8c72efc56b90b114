package io.heapreel.model.gclog;

import io.heapreel.model.error.CaptureException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The fast pass over a log: the same records, indices, lines, start blocks and lengths as {@link
 * GcLogParser#parse}, lost and misplaced records included, read by the same {@link LogReading}; but
 * the log is cut into pieces at line starts, the pieces are split into lines on all cores, and only
 * the lines that can start, end or number a record ({@link LogPiece#counted}: hits, {@code $k}
 * values, blank lines, the preamble) reach the reading as Strings. Frames, source lines and wrapped
 * lines are only counted, so every event's trace is empty and damage confined to them goes
 * unreported. Afterwards {@link #parseLines} parses a few lines in full, starting from the piece
 * that holds them rather than from the start of the file.
 */
public final class LogScan {
  /** Small enough that the pieces keep the cores busy and a later pass over one record reads little. */
  public static final int PIECE_BYTES = 4 << 20;

  private final Path log;
  private final LogSummary summary;
  /** Piece k holds bytes [offsets[k], offsets[k + 1]) and starts at line firstLines[k] (1-based). */
  private final long[] offsets;
  private final long[] firstLines;

  private LogScan(Path log, LogSummary summary, long[] offsets, long[] firstLines) {
    this.log = log;
    this.summary = summary;
    this.offsets = offsets;
    this.firstLines = firstLines;
  }

  /** The fast pass, on as many threads as the machine has cores. */
  public static LogScan run(Path log, GcLogListener listener) {
    return run(log, PIECE_BYTES, Runtime.getRuntime().availableProcessors(), listener);
  }

  /** The fast pass with pieces of about {@code pieceBytes} on {@code threads} threads (tests cut small logs finely). */
  public static LogScan run(Path log, int pieceBytes, int threads, GcLogListener listener) {
    return run(log, pieceBytes, threads, false, listener);
  }

  /**
   * The fast pass; with {@code callers}, each event's trace holds its caller ({@link
   * GcEvent#caller}) as the full parser reads it whenever the event is not marked damaged: the
   * pieces keep the frame lines that can be a record's first frame above the hook ({@link
   * LogPiece}), the other frames and source lines are still only counted. A damaged event's trace
   * may lack its first readable frame (an unreadable one was kept instead of the next).
   */
  public static LogScan run(Path log, int pieceBytes, int threads, boolean callers, GcLogListener listener) {
    try (FileChannel ch = FileChannel.open(log, StandardOpenOption.READ)) {
      long[] offsets = pieces(ch, pieceBytes);
      int pieces = offsets.length - 1;
      for (int k = 0; k < pieces; k++) {
        if (offsets[k + 1] - offsets[k] > Integer.MAX_VALUE - 8) {
          // a line of gigabytes: read as the full parser reads it
          return new LogScan(log, GcLogParser.parse(log, listener), new long[] {0, ch.size()}, new long[] {1});
        }
      }
      LogReading reading = new LogReading(listener, false);
      long[] firstLines = new long[pieces];
      long line = 1;
      ExecutorService pool = pieces > 1 && threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, "heapreel-log-scan");
        t.setDaemon(true);
        return t;
      }) : null;
      // the pieces' bytes are read into a few buffers used in turn: fresh memory costs more to touch
      Queue<byte[]> buffers = new ArrayBlockingQueue<>(threads + 1);
      try {
        Deque<Future<LogPiece>> ahead = new ArrayDeque<>();
        int submitted = 0;
        for (int k = 0; k < pieces; k++) {
          LogPiece piece;
          if (pool == null) {
            piece = LogPiece.read(ch, offsets[k], offsets[k + 1], buffers, callers);
          } else {
            // a few pieces ahead of the reading, so memory stays bounded whatever the log's size
            while (submitted < pieces && submitted < k + 2 * threads) {
              long from = offsets[submitted];
              long to = offsets[submitted + 1];
              ahead.add(pool.submit(() -> LogPiece.read(ch, from, to, buffers, callers)));
              submitted++;
            }
            piece = ahead.poll().get();
          }
          firstLines[k] = line;
          piece.feed(reading);
          line += piece.lines();
        }
      } finally {
        if (pool != null) {
          pool.shutdownNow();
        }
      }
      return new LogScan(log, reading.finishLog(log), offsets, firstLines);
    } catch (IOException e) {
      throw GcLogParser.unreadable(log, e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? GcLogParser.unreadable(log, io) : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CaptureException(log + ": interrupted while reading the gdb log", e);
    }
  }

  /** Piece boundaries: 0, a line start at or after every multiple of {@code pieceBytes}, the size. */
  private static long[] pieces(FileChannel ch, int pieceBytes) throws IOException {
    long size = ch.size();
    long[] at = new long[(int) Math.min(Integer.MAX_VALUE - 8, size / pieceBytes + 2)];
    int n = 1;
    for (long nominal = pieceBytes; nominal < size; nominal += pieceBytes) {
      long start = LogPiece.lineStart(ch, Math.max(nominal, at[n - 1]));
      if (start > at[n - 1] && start < size) {
        at[n++] = start;
      }
    }
    at[n++] = size;
    return Arrays.copyOf(at, n);
  }

  public LogSummary summary() {
    return summary;
  }

  /**
   * The records of lines {@code from} to {@code to} (1-based, inclusive) parsed in full, traces
   * included, as if the log began there: for the one record a caller needs the trace of, starting
   * at its breakpoint line. Reads from the piece holding line {@code from}.
   */
  public void parseLines(long from, long to, GcLogListener listener) {
    LogReading reading = new LogReading(listener);
    int k = Arrays.binarySearch(firstLines, from);
    k = k >= 0 ? k : Math.max(0, -k - 2);
    try (FileChannel ch = FileChannel.open(log, StandardOpenOption.READ)) {
      for (; k < offsets.length - 1 && firstLines[k] <= to; k++) {
        if (offsets[k + 1] - offsets[k] > Integer.MAX_VALUE - 8) {
          wholeLines(from, to, reading);
          return;
        }
        long first = firstLines[k];
        int n = (int) (offsets[k + 1] - offsets[k]);
        LogPiece.split(LogPiece.bytes(ch, offsets[k], n, null), n, (index, b, start, end) -> {
          if (first + index >= from && first + index <= to) {
            reading.line(LogPiece.line(b, start, end));
          }
        });
      }
    } catch (IOException e) {
      throw GcLogParser.unreadable(log, e);
    }
    reading.finish();
  }

  /** {@link #parseLines} for a log with a line of gigabytes, read as the full parser reads it. */
  private void wholeLines(long from, long to, LogReading reading) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.ISO_8859_1)) {
      String text;
      for (long line = 1; line <= to && (text = reader.readLine()) != null; line++) {
        if (line >= from) {
          reading.line(text);
        }
      }
    }
    reading.finish();
  }
}
