package io.heapreel.model.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.capture.BufferMemory;
import io.heapreel.model.capture.Memory;
import io.heapreel.model.gclog.GcEvent;
import io.heapreel.model.gclog.GcLogListener;
import io.heapreel.model.gclog.GcLogParser;
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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast pass over a log's bytes ({@link GcLogParser#scan}, {@link LoggedEvents#readOne}) against
 * the full parser: the same record count, events and kinds, on the dev capture's log and on damaged
 * logs whose record count is known from how they are built.
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

  private static long fastCount(Path log) {
    return GcLogParser.scan(log, new GcLogListener() {
      @Override
      public void event(GcEvent e) {}
    }).records();
  }

  private static long fullCount(Path log) {
    return LoggedEvents.read(log, SiteRules.MICROPYTHON).records();
  }

  private static List<GcEvent> events(Path log, boolean fast) {
    List<GcEvent> out = new ArrayList<>();
    GcLogListener l = new GcLogListener() {
      @Override
      public void event(GcEvent e) {
        out.add(e);
      }
    };
    LogSummary s = fast ? GcLogParser.scan(log, l) : GcLogParser.parse(log, l);
    assertThat(s.records()).isNotNegative();
    return out;
  }

  /** Index, line, start block and length of every event agree; the fast pass leaves traces out. */
  private static void sameEvents(Path log) {
    List<GcEvent> full = events(log, false);
    List<GcEvent> fast = events(log, true);
    assertThat(fast).hasSameSizeAs(full);
    for (int i = 0; i < full.size(); i++) {
      GcEvent a = full.get(i);
      GcEvent b = fast.get(i);
      assertThat(List.of(b.index(), b.line(), (long) b.startBlock(), (long) b.length()))
          .isEqualTo(List.of(a.index(), a.line(), (long) a.startBlock(), (long) a.length()));
    }
  }

  /** Whether readOne's verdict for each snapshot equals read's, against a table where every block is a head, and one where every block is free. */
  private static void sameVerdicts(Path log, long records) {
    LoggedEvents all = LoggedEvents.read(log, SiteRules.MICROPYTHON);
    HeapLocation heap = HeapLocation.of(new HeapArea(0x100, 64, 0, 0x200, 0x200 + 256 * 16, 4));
    for (long i = 0; i < records + 1; i++) {
      LoggedEvents one = LoggedEvents.readOne(log, SiteRules.MICROPYTHON, i);
      assertThat(one.records()).isEqualTo(all.records());
      assertThat(one.has(i)).isEqualTo(all.has(i));
      for (int fill : new int[] {0x00, 0x55}) {
        Memory m = table(fill);
        assertThat(one.disagreement(i, m, heap)).isEqualTo(all.disagreement(i, m, heap));
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
    sameEvents(log);
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
    Path crlf = write("crlf.txt", text.replace("\n", "\r\n"));
    assertThat(fastCount(crlf)).isEqualTo(9).isEqualTo(fullCount(crlf));
    sameEvents(crlf);
    sameVerdicts(crlf, 9);
  }
}
