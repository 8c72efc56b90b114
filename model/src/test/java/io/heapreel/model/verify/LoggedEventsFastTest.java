package io.heapreel.model.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.capture.BufferMemory;
import io.heapreel.model.capture.Memory;
import io.heapreel.model.export.LogAllocations;
import io.heapreel.model.gclog.GcEvent;
import io.heapreel.model.gclog.GcLogListener;
import io.heapreel.model.gclog.GcLogParser;
import io.heapreel.model.gclog.LogScan;
import io.heapreel.model.gclog.LogSummary;
import io.heapreel.model.heap.HeapArea;
import io.heapreel.model.heap.HeapLocation;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.testing.RealCaptures;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast pass over a log's bytes ({@link LogScan}, {@link LoggedEvents#readFast}) and a replay's
 * parse ({@link LoggedEvents#of}) against the full parser: the same record count, events and kinds, on the dev capture's log and on damaged logs
 * whose record count is known from how they are built; with the log cut in pieces of every small
 * size (so a piece boundary falls on every byte: inside a line, between a CR and its LF, right
 * after a record's start) and read on one to three threads.
 */
class LoggedEventsFastTest {
  private static final String ALLOC = "gc_alloc (n_bytes=8) at ../../py/gc.c:1024";
  private static final String SWEEP = "gc_sweep_free_blocks () at ../../py/gc.c:400";
  private static final String FREE = "gc_free (ptr=0x0) at ../../py/gc.c:1100";

  @TempDir Path dir;

  /** Record k with gdb's value numbers $2k+1, $2k+2, as a real capture numbers them. */
  private static String record(int k, int block, int length, String frame) {
    return "Breakpoint 1, gc_log_change (start_block=" + block + ", length=" + length + ") at ../../py/gc.c:147\n"
        + "147\t    gc_log_change_counter += length; // Break on this line.\n"
        + "#0  gc_log_change (start_block=" + block + ", length=" + length + ") at ../../py/gc.c:147\n"
        + "#1  0x00001000 in " + frame + "\n"
        + "#2  0x00002000 in main () at main.c:77\n"
        + "$" + (2 * k + 1) + " = " + block + "\n$" + (2 * k + 2) + " = " + length + "\n\n";
  }

  private static String frameOf(int k) {
    return k % 3 == 0 ? ALLOC : k % 3 == 1 ? FREE : SWEEP;
  }

  private static int lengthOf(int k) {
    return k % 3 == 0 ? 1 + k % 4 : 0;
  }

  private static final String PREAMBLE = "Breakpoint 1 at 0x292: file ../../py/gc.c, line 147.\n"
      + "Breakpoint 2 at 0x2514a: file main.c, line 83.\n\n";

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.ISO_8859_1);
    return p;
  }

  /** Piece sizes for the small logs: every size up to 40 bytes, some odd larger ones, the default. */
  private static final int[] PIECES = IntStream.concat(IntStream.rangeClosed(1, 40),
      IntStream.of(97, 1000, 4093, LogScan.PIECE_BYTES)).toArray();

  private static final int[] THREADS = {1, 2, 3};

  /** For the longer logs: pieces of 1 byte still start one at every line, so every line is once a piece's first. */
  private static final int[] FEWER_PIECES = IntStream.concat(IntStream.rangeClosed(1, 12),
      IntStream.of(97, 4093, LogScan.PIECE_BYTES)).toArray();

  private static long fastCount(Path log) {
    return LogScan.run(log, new GcLogListener() {
      @Override
      public void event(GcEvent e) {}
    }).summary().records();
  }

  private static long fullCount(Path log) {
    return LoggedEvents.read(log, SiteRules.MICROPYTHON).records();
  }

  /** The events and the summary's counts (records, events, skipped, lines). */
  private static List<List<Long>> events(Path log, int piece, int threads) {
    List<List<Long>> out = new ArrayList<>();
    GcLogListener l = e -> out.add(List.of(e.index(), e.line(), (long) e.startBlock(), (long) e.length()));
    LogSummary s = piece == 0 ? GcLogParser.parse(log, l) : LogScan.run(log, piece, threads, l).summary();
    out.add(List.of(s.records(), s.events(), s.skipped(), s.lines()));
    return out;
  }

  /**
   * Index, line, start block and length of every event and the summary's counts agree, for every
   * piece size and thread count; the fast pass leaves traces out.
   */
  private static void sameEvents(Path log, int[] pieces) {
    List<List<Long>> full = events(log, 0, 1);
    for (int piece : pieces) {
      for (int threads : THREADS) {
        assertThat(events(log, piece, threads)).as("pieces of %d bytes on %d threads", piece, threads).isEqualTo(full);
      }
    }
  }

  private static void sameEvents(Path log) {
    sameEvents(log, PIECES);
  }

  /**
   * Whether the verdict for each snapshot from a replay's parse ({@link LogAllocations#read} keeping
   * that snapshot's event, {@link LoggedEvents#of}: what inspect and heapsnapshot check with) equals
   * read's, against a table where every block is a head, and one where every block is free.
   */
  private static void sameVerdicts(Path log, long records) {
    LoggedEvents all = LoggedEvents.read(log, SiteRules.MICROPYTHON);
    HeapLocation heap = HeapLocation.of(new HeapArea(0x100, 64, 0, 0x200, 0x200 + 256 * 16, 4));
    for (long i = 0; i < records + 1; i++) {
      LogAllocations.Read replay = LogAllocations.read(log, SiteRules.MICROPYTHON, heap, List.of(i));
      LoggedEvents one = LoggedEvents.of(replay.summary(), replay.events().values(), SiteRules.MICROPYTHON);
      assertThat(one.records()).isEqualTo(all.records());
      assertThat(one.has(i)).isEqualTo(all.has(i));
      for (int fill : new int[] {0x00, 0x55}) {
        Memory m = table(fill);
        assertThat(one.disagreement(i, m, heap)).as("snapshot %d", i).isEqualTo(all.disagreement(i, m, heap));
      }
    }
  }

  /**
   * readFast against read for every snapshot (record count, which have an event, the verdict
   * against an all-heads and an all-free table, which tells alloc, free and sweep apart), and the
   * fast pass's caller of every event it does not mark damaged against the full parser's, for
   * every piece size and thread count.
   */
  private static void sameVerdictsAll(Path log, long records) {
    sameVerdictsAll(log, records, PIECES);
  }

  private static void sameVerdictsAll(Path log, long records, int[] pieces) {
    LoggedEvents all = LoggedEvents.read(log, SiteRules.MICROPYTHON);
    Map<Long, GcEvent> full = new HashMap<>();
    GcLogParser.parse(log, e -> full.put(e.index(), e));
    HeapLocation heap = HeapLocation.of(new HeapArea(0x100, 64, 0, 0x200, 0x200 + 256 * 16, 4));
    for (int piece : pieces) {
      for (int threads : THREADS) {
        String as = "pieces of " + piece + " bytes on " + threads + " threads";
        LoggedEvents fast = LoggedEvents.readFast(log, SiteRules.MICROPYTHON, piece, threads);
        assertThat(fast.records()).as(as).isEqualTo(all.records()).isEqualTo(records);
        for (long i = 0; i < records + 1; i++) {
          assertThat(fast.has(i)).as(as).isEqualTo(all.has(i));
          for (int fill : new int[] {0x00, 0x55}) {
            Memory m = table(fill);
            assertThat(fast.disagreement(i, m, heap)).as("snapshot %d, %s", i, as).isEqualTo(all.disagreement(i, m, heap));
          }
        }
        LogScan.run(log, piece, threads, true, e -> {
          if (!e.damaged()) {
            assertThat(e.caller()).as("caller of record %d, %s", e.index(), as).isEqualTo(full.get(e.index()).caller());
          }
        });
      }
    }
  }

  private static Memory table(int fill) {
    byte[] ram = new byte[0x200];
    Arrays.fill(ram, 0x100, 0x140, (byte) fill);
    return new BufferMemory(0, ByteBuffer.wrap(ram));
  }

  @Test
  void devLogCountsAlike() {
    Path log = RealCaptures.dev().resolve("mylog.txt");
    assertThat(fastCount(log)).isEqualTo(fullCount(log));
    int[] pieces = {4093, 65537, LogScan.PIECE_BYTES};
    sameEvents(log, pieces);
    sameVerdictsAll(log, fullCount(log), new int[] {65537, LogScan.PIECE_BYTES});
  }

  @Test
  void soundLog() throws Exception {
    StringBuilder b = new StringBuilder(PREAMBLE);
    for (int k = 0; k < 12; k++) {
      b.append(record(k, k, lengthOf(k), frameOf(k)));
    }
    b.append("\nBreakpoint 2, main () at main.c:83\n83\t  return 0;\n[Inferior 1 (process 1) killed]\n");
    Path log = write("sound.txt", b.toString());
    assertThat(fastCount(log)).isEqualTo(12).isEqualTo(fullCount(log));
    sameEvents(log);
    sameVerdicts(log, 12);
    sameVerdictsAll(log, 12);
  }

  @Test
  void lostAndMisplacedRecords() throws Exception {
    // records 0..11, record 4's text lost whole (gdb's numbers say so), record 2 repeated after 7
    StringBuilder b = new StringBuilder(PREAMBLE);
    for (int k = 0; k < 12; k++) {
      if (k != 4) {
        b.append(record(k, k, lengthOf(k), frameOf(k)));
      }
      if (k == 7) {
        b.append(record(2, 2, lengthOf(2), frameOf(2)));
      }
    }
    Path log = write("lost.txt", b.toString());
    assertThat(fastCount(log)).isEqualTo(12).isEqualTo(fullCount(log));
    sameEvents(log);
    sameVerdicts(log, 12);
    sameVerdictsAll(log, 12);
  }

  /**
   * gdb prints a warning where it meets it, also in the middle of a frame's arguments (an entry
   * value it cannot compute); the frame's text goes on after the warning lines. Such frames are
   * joined again and are no damage, in the full parse and in the fast pass alike; a warning line
   * between two whole frames stays damage in both.
   */
  @Test
  void framesCutByGdbWarnings() throws Exception {
    String two = "warning: left shift count is negative\nwarning: right shift count is negative\n";
    String one = "warning: left shift count is negative\n";
    StringBuilder b = new StringBuilder(PREAMBLE);
    for (int k = 0; k < 12; k++) {
      String r = record(k, k, lengthOf(k), frameOf(k));
      String main = "main (argc=1, argv=0x0) at main.c:77";
      switch (k % 4) {
        case 1 -> r = r.replace("main () at main.c:77", "main (argc=1, " + two + "argv=0x0) at main.c:77");
        case 2 -> r = r.replace("main () at main.c:77", "main (argc=1, " + one + "argv=0x0) at main.c:77");
        case 3 -> r = r.replace("in " + frameOf(k).replace(" (", " ("), "in " + frameOf(k).replace(" (", " (" + two));
        default -> r = k == 4 ? r.replace("#2 ", "warning: Could not load shared library symbols\n#2 ") : r;
      }
      b.append(r.replace("main () at main.c:77", main));
    }
    Path log = write("cut.txt", b.toString());
    assertThat(fastCount(log)).isEqualTo(12).isEqualTo(fullCount(log));
    sameEvents(log);
    sameVerdictsAll(log, 12);

    List<GcEvent> full = new ArrayList<>();
    LogSummary summary = GcLogParser.parse(log, full::add);
    assertThat(summary.damage()).isEqualTo(1);
    for (GcEvent e : full) {
      assertThat(e.damaged()).as("event %d", e.index()).isEqualTo(e.index() == 4);
      assertThat(e.trace()).extracting(f -> f.function() + " " + f.file() + ":" + f.line())
          .as("event %d", e.index()).containsExactly(frameOf((int) e.index()).split(" ")[0] + " ../../py/gc.c:"
              + frameOf((int) e.index()).replaceAll(".*:", ""), "main main.c:77");
    }
    for (int piece : PIECES) {
      for (int threads : THREADS) {
        List<Boolean> damaged = new ArrayList<>();
        LogSummary fast = LogScan.run(log, piece, threads, e -> damaged.add(e.damaged())).summary();
        assertThat(fast.damage()).as("pieces of %d bytes on %d threads", piece, threads).isEqualTo(1);
        assertThat(damaged).as("pieces of %d bytes on %d threads", piece, threads)
            .isEqualTo(full.stream().map(GcEvent::damaged).toList());
      }
    }
  }

  @Test
  void damagedCutShortAndCrlf() throws Exception {
    // 9 whole records (one with a gdb warning, one with garbage and a wrapped frame, one without
    // values), then record 9 cut before its values: 9 records
    StringBuilder b = new StringBuilder(PREAMBLE);
    for (int k = 0; k < 9; k++) {
      String r = record(k, k, lengthOf(k), frameOf(k));
      if (k == 2) {
        r = r.replace("#2 ", "warning: Cannot access memory at address 0x4\n#2 ");
      } else if (k == 3) {
        r = r.replace("#2 ", "\u00e9t\u00e9 garbage\n   continued frame\n#2 ");
      } else if (k == 5) {
        r = r.replaceAll("\\$\\d+ = \\d+\n", "");
      }
      b.append(r);
    }
    b.append(record(9, 9, 0, SWEEP), 0, record(9, 9, 0, SWEEP).indexOf('$'));
    String text = b.toString();
    Path log = write("damaged.txt", text);
    assertThat(fastCount(log)).isEqualTo(9).isEqualTo(fullCount(log));
    sameEvents(log);
    sameVerdicts(log, 9);
    sameVerdictsAll(log, 9);
    for (String end : new String[] {"\r\n", "\r"}) {
      Path other = write("ends.txt", text.replace("\n", end));
      assertThat(fullCount(other)).isEqualTo(9);
      sameEvents(other);
      sameVerdicts(other, 9);
      sameVerdictsAll(other, 9);
    }
  }

  @Test
  void mixedLineEndsAndNoLastNewline() throws Exception {
    // CRLF, CR and LF lines mixed, blank lines of each kind between records, one of spaces, the last record's
    // values complete but no newline after them: 6 records
    StringBuilder b = new StringBuilder(PREAMBLE.replace("\n", "\r\n"));
    String[] ends = {"\n", "\r\n", "\r"};
    for (int k = 0; k < 6; k++) {
      String r = record(k, k, lengthOf(k), frameOf(k));
      if (k == 1) {
        r = r.replace("\n\n", "\n \t \n"); // a line of blanks ends a record as an empty one does
      }
      b.append(r.replace("\n", ends[k % 3]));
    }
    String text = b.toString().stripTrailing();
    assertThat(text).endsWith("$12 = " + lengthOf(5));
    Path log = write("mixed.txt", text);
    assertThat(fullCount(log)).isEqualTo(6);
    sameEvents(log);
    sameVerdicts(log, 6);
    sameVerdictsAll(log, 6);
  }

  /**
   * Traces whose first frame above the hook is not a plain {@code #1} line: unreadable (the next
   * frame is the caller), wrapped, split from its level, out of order, numbered {@code #01},
   * followed by stray lines; each such free once with a sweep as the frame that decides and once
   * with a free. The kinds alternate so that a wrong caller changes a verdict.
   */
  @Test
  void callersOfFreesAlikeWhateverTheirFrames() throws Exception {
    String[] traces = {
      "#1  0x00001000 in gc_sweep_free_blocks (\n#2  0x00002000 in %s\n", // #1 unreadable: #2 decides
      "#2  0x00002000 in %s\n#1  0x00001000 in gc_free (ptr=0x0) at ../../py/gc.c:1100\n", // #2 first
      "#1  0x00001000 in %s\n    (more) at x.c:1\n#2  0x00002000 in main () at main.c:77\n", // wrapped, unreadable joined
      "#1\n    0x00001000 in %s\n#2  0x00002000 in main () at main.c:77\n", // the level alone on its line
      "#01  0x00001000 in %s\n#2  0x00002000 in gc_free (ptr=0x0) at ../../py/gc.c:1100\n", // #01 is level 1
      "#3  0x00003000 in %s\n#1  0x00001000 in gc_free (ptr=0x0) at ../../py/gc.c:1100\n#2  0x2 in main () at m.c:1\n",
      "#1  0x00001000 in %s\n\f stray\n#2  0x00002000 in main () at main.c:77\n", // a form feed line after it
      "#1  0x00001000 in gc_free (ptr=0x0,\n   flags=1) at ../../py/gc.c:1100\n#2  0x00002000 in %s\n", // wrapped, readable joined
      "#1 0xzz in gc_free () at gc.c:1\n   0x00001000 in %s\n#2  0x2 in main () at m.c:1\n", // unreadable, wrapped
      "   #1  0x00001000 in %s\n#2  0x00002000 in main () at main.c:77\n", // indented: wrapped, not a frame
      // wrapped after a form feed line, which is wrapped as well: read whole, gc_free's line is unreadable
      "#1  0x00001000 in gc_free\n\f(ptr) at gc.c:1\n   more\n#2  0x00002000 in %s\n",
    };
    StringBuilder b = new StringBuilder(PREAMBLE);
    int k = 0;
    for (String trace : traces) {
      for (String decider : new String[] {SWEEP, FREE}) {
        String r = record(k, k, 0, FREE);
        int from = r.indexOf("#1 ");
        int to = r.indexOf('$');
        b.append(r, 0, from).append(trace.replace("\\n", "\n").formatted(decider)).append(r, to, r.length());
        k++;
      }
    }
    Path log = write("callers.txt", b.toString());
    assertThat(fullCount(log)).isEqualTo(k);
    sameVerdictsAll(log, k);
    for (String end : new String[] {"\r\n", "\r"}) {
      sameVerdictsAll(write("callers-ends.txt", b.toString().replace("\n", end)), k, FEWER_PIECES);
    }
  }

  /** More damaged frees than are parsed again one by one: the whole log is parsed in full, with the same verdicts. */
  @Test
  void manyDamagedFreesAlike() throws Exception {
    StringBuilder b = new StringBuilder(PREAMBLE);
    int n = LoggedEvents.REPARSED_AT_MOST + 6;
    for (int k = 0; k < n; k++) {
      String decider = k % 2 == 0 ? SWEEP : FREE;
      b.append(record(k, k, 0, FREE).replace("#1  0x00001000 in " + FREE + "\n",
          "#1  0x00001000 in gc_free (\n#2  0x00002000 in " + decider + "\n"));
    }
    Path log = write("many.txt", b.toString());
    assertThat(b.toString()).contains("gc_free (\n#2  0x00002000 in " + SWEEP);
    sameVerdictsAll(log, n, FEWER_PIECES);
  }

  @Test
  void recordsWithoutValuesTakeTheirArgumentsOrAreSkipped() throws Exception {
    // record 1 without values (start and length from its arguments), record 2 without values and
    // with an unreadable breakpoint line (skipped), record 3 with a value that cannot be read (its
    // length from its arguments): 5 records, 4 events
    StringBuilder b = new StringBuilder(PREAMBLE);
    for (int k = 0; k < 5; k++) {
      String r = record(k, k, lengthOf(k), frameOf(k));
      if (k == 1 || k == 2) {
        r = r.replaceAll("\\$\\d+ = \\d+\n", "");
      }
      if (k == 2) {
        r = r.replace("gc_log_change (start_block=2, length=0) at", "gc_log_change (start_block=2, length=0 at");
      }
      if (k == 3) {
        r = r.replace("$8 = 4", "$8 = four");
      }
      b.append(r);
    }
    Path log = write("novalues.txt", b.toString());
    assertThat(fullCount(log)).isEqualTo(5);
    sameEvents(log);
    sameVerdicts(log, 5);
    sameVerdictsAll(log, 5);
    List<List<Long>> events = events(log, LogScan.PIECE_BYTES, 2);
    assertThat(events.get(1)).isEqualTo(List.of(1L, 12L, 1L, 0L)); // record 1: line 3 + 8 + 1, from its arguments
    assertThat(events.get(events.size() - 1).subList(0, 3)).isEqualTo(List.of(5L, 4L, 1L));
    assertThat(events.get(2)).isEqualTo(List.of(3L, 24L, 3L, 4L)); // line 3 + 8 + 6 + 6 + 1: records 1 and 2 lack their two value lines
  }
}
