package io.heapreel.model.gclog;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.error.CaptureException;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The parse of a file ({@link GcLogParser#parse(java.nio.file.Path, GcLogListener)}), which reads
 * most record lines from their bytes, against the parse of the same text line by line as strings:
 * the same events, damage, preamble and summary on random logs full of damage and odd forms.
 */
class ByteLinesTest {
  private static final String[] FRAMES = {
    "#1  0x000009e8 in gc_alloc (n_bytes=n_bytes@entry=16, alloc_flags=alloc_flags@entry=0) at ../../py/gc.c:1024",
    "#2  0x00000116 in m_malloc (num_bytes=num_bytes@entry=16) at ../../py/malloc.c:86",
    "#3  0x00012e1e in list_new (n=n@entry=0) at ../../py/objlist.c:477",
    "#1  gc_collect_end () at ../../py/gc.c:601",
    "#2  0x0800abcd in ?? ()",
    "#4  0x00007ffff7a2d840 in __libc_start_main (main=0x400b, argc=1) from /lib/x86_64-linux-gnu/libc.so.6",
    "#5  0x00011cf8 in mp_obj_new_str (data=0x2000 <heap+16> \"a (b), \\\"c\\\" ) d\", len=len@entry=9) at ../../py/objstr.c:2217",
    "#4  0x00011cf8 in f (code=0x20004f90 <heap+19568> \"J\\022 \u00c2\u00b2 x\") at ../../py/objfun.c:1",
    "#5  0x00011cf8 in g\u00ff\u00fe () at ../../py/objfun.c:2",
    "#4  0x0001 in (((",
    "#x  foo () at a.c:1",
    "#1",
    "#",
    "#1234567890 foo () at a.c:1",
    "#0  gc_alloc (n_bytes=4) at ../../py/gc.c:1024",
    "#3  0x00012e1e in list_new (n=n@entry=0) at ../../py/objlist.c:477   ",
    "#3 0x00012e1e in list_new (n=n@entry=0) at ../../py/objlist.c:477",
    "#6  0x000009e8 in gc_alloc (n_bytes=n_bytes@entry=16, alloc_flags=alloc_flags@entry=0)",
    "#7  0x00000116 in call (f=0x1234 <fun_table+8>, c='(') at ../../py/runtime.c:12",
  };

  private static final String[] OTHER_LINES = {
    "    at ../../py/gc.c:1024",
    "  ",
    "\t",
    "147\t    gc_log_change_counter += length; // Break on this line.",
    "84 no tab",
    "9\t",
    "warning: Could not load shared library symbols",
    "Cannot access memory at address 0x20009004",
    "Backtrace stopped: previous frame inner to this frame (corrupt stack?)",
    "(More stack frames follow...)",
    "Continuing.",
    "[Inferior 1 (process 1) killed]",
    "stray text",
    "Breakpoint 2, main (argc=<optimized out>, argv=<optimized out>) at main.c:84",
    "heapreel-fact sizeof(mp_state_ctx) = 684",
    "Breakpoint 1 at 0x292: file ../../py/gc.c, line 147.",
    "\u00e9t\u00e9",
  };

  private static final String[] VALUE_FORMS = {
    "0x%x", "%d", "-%d", "(size_t) %d", "0x", "0xffffffffffffffff", "0x%016x", "0x%015x", " %d", "%d ", "0X%x",
    "0x%xg", "1234567890123456789", "123456789012345678", "%d.5",
  };

  @Test
  void bytesAndStringsReadRandomLogsAlike() {
    Random random = new Random(2026);
    for (int round = 0; round < 1000; round++) {
      String log = randomLog(random, round % 3 == 0 ? 0.08 : 0.01);
      assertThat(parseBytes(log)).as("round %d:%n%s", round, log).isEqualTo(parseStrings(log));
    }
  }

  @Test
  void theHandWrittenLogsAlike() {
    String record = GcLogParserTest.record(1, 3, 1, FRAMES[0] + "\n" + FRAMES[1] + "\n", 1);
    for (String log : List.of(
        "Breakpoint 1 at 0x292: file ../../py/gc.c, line 147.\n\n" + record + record.replace("$1 ", "$3 ").replace("$2 ", "$4 "),
        record.replace("\n", "\r\n"),
        record.replace("\n", "\r"),
        record.replace("#0  gc_log_change (start_block=3", "#0  gc_log_change (start_block=4"),
        record + "#1  0x0001 in f () at a.c:1\n    at b.c:2\n$3 = 0x1\n$4 = 0x1\n")) {
      assertThat(parseBytes(log)).as(log).isEqualTo(parseStrings(log));
    }
  }

  private static String randomLog(Random random, double damage) {
    StringBuilder log = new StringBuilder("Breakpoint 1 at 0x292: file ../../py/gc.c, line 147.\n\n");
    int value = 1;
    int records = 1 + random.nextInt(40);
    for (int r = 0; r < records; r++) {
      int start = random.nextInt(50);
      int length = random.nextInt(5);
      String args = "(start_block=" + start + ", length=" + length + ")";
      line(log, random, damage, (random.nextInt(20) == 0 ? "Thread 1 \"main\" hit " : "")
          + "Breakpoint 1, gc_log_change " + args + " at ../../py/gc.c:147");
      line(log, random, damage, "147\t    gc_log_change_counter += length; // Break on this line.");
      String hook = switch (random.nextInt(8)) {
        case 0 -> "#0 gc_log_change " + args + " at ../../py/gc.c:147  ";
        case 1 -> "#0  gc_log_change (start_block=" + (start + 1) + ", length=" + length + ") at ../../py/gc.c:147";
        case 2 -> "#0  gc_log_change " + args;
        default -> "#0  gc_log_change " + args + " at ../../py/gc.c:147";
      };
      line(log, random, damage, hook);
      int frames = random.nextInt(8);
      for (int f = 0; f < frames; f++) {
        line(log, random, damage, random.nextInt(6) == 0 ? FRAMES[random.nextInt(FRAMES.length)] : FRAMES[random.nextInt(3)]);
        if (random.nextInt(30) == 0) {
          line(log, random, damage, "    at ../../py/gc.c:" + random.nextInt(2000));
        }
      }
      line(log, random, damage, "$" + value++ + " = " + valueText(random, start, damage));
      line(log, random, damage, "$" + value++ + " = " + valueText(random, length, damage));
      if (random.nextDouble() < damage * 3) {
        line(log, random, damage, "$" + value++ + " = 0x1");
      }
      if (random.nextDouble() < damage * 3) {
        value += random.nextInt(5) - 2;
      }
      line(log, random, damage, "");
    }
    if (random.nextBoolean()) {
      line(log, random, damage, "Breakpoint 2, main (argc=<optimized out>, argv=<optimized out>) at main.c:84");
      line(log, random, damage, "[Inferior 1 (process 1) killed]");
    }
    return log.toString();
  }

  private static String valueText(Random random, int v, double damage) {
    if (random.nextDouble() >= damage * 4) {
      return "0x" + Integer.toHexString(v);
    }
    return String.format(VALUE_FORMS[random.nextInt(VALUE_FORMS.length)].replace("%d", String.valueOf(v)), v);
  }

  /** The line, or damage instead of it or after it, and a random line end. */
  private static void line(StringBuilder log, Random random, double damage, String line) {
    if (random.nextDouble() >= damage) {
      log.append(line);
    } else {
      switch (random.nextInt(4)) {
        case 0 -> { } // lost
        case 1 -> log.append(line, 0, random.nextInt(line.length() + 1)); // cut
        case 2 -> log.append(line).append(ending(random)).append(OTHER_LINES[random.nextInt(OTHER_LINES.length)]);
        default -> log.append(FRAMES[random.nextInt(FRAMES.length)]);
      }
    }
    log.append(ending(random));
  }

  private static String ending(Random random) {
    int k = random.nextInt(40);
    return k == 0 ? "\r\n" : k == 1 ? "\r" : "\n";
  }

  private static String parseStrings(String log) {
    GcLogParserTest.Collected c = new GcLogParserTest.Collected();
    try {
      GcLogParser.parse(new BufferedReader(new StringReader(log)), "test.log", c);
    } catch (CaptureException e) {
      return "refused: " + e.getMessage();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return describe(c);
  }

  private static String parseBytes(String log) {
    GcLogParserTest.Collected c = new GcLogParserTest.Collected();
    try {
      GcLogParser.parse(new ByteArrayInputStream(log.getBytes(StandardCharsets.ISO_8859_1)), "test.log", c);
    } catch (CaptureException e) {
      return "refused: " + e.getMessage();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return describe(c);
  }

  private static String describe(GcLogParserTest.Collected c) {
    StringBuilder b = new StringBuilder();
    b.append(c.preamble).append('\n').append(c.summary).append('\n');
    c.events.forEach(e -> b.append(e).append('\n'));
    c.damage.forEach(d -> b.append(d.kind()).append(' ').append(d).append('\n'));
    return b.toString();
  }
}
