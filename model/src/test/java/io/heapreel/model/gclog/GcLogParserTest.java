package io.heapreel.model.gclog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapreel.model.error.CaptureException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser on small hand-written logs: every frame form, the hook found from the log, and damage. */
class GcLogParserTest {
  private static final String PREAMBLE =
      "Breakpoint 1 at 0x292: file ../../py/gc.c, line 147.\n"
          + "Breakpoint 2 at 0x2514a: file main.c, line 83.\n"
          + "\n";

  /** Everything the parser reports, in order. */
  static final class Collected implements GcLogListener {
    final List<GcEvent> events = new ArrayList<>();
    final List<Damage> damage = new ArrayList<>();
    Preamble preamble;
    LogSummary summary;

    @Override
    public void preamble(Preamble p) {
      preamble = p;
    }

    @Override
    public void event(GcEvent e) {
      events.add(e);
    }

    @Override
    public void damage(Damage d) {
      damage.add(d);
    }

    @Override
    public void end(LogSummary s) {
      summary = s;
    }
  }

  static Collected parse(String log) {
    Collected c = new Collected();
    try {
      GcLogParser.parse(new BufferedReader(new StringReader(log)), "test.log", c);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return c;
  }

  static String record(int n, int start, int length, String frames, int valueNumber) {
    return "Breakpoint 1, gc_log_change (start_block=" + start + ", length=" + length + ") at ../../py/gc.c:147\n"
        + "147\t    gc_log_change_counter += length; // Break on this line.\n"
        + "#0  gc_log_change (start_block=" + start + ", length=" + length + ") at ../../py/gc.c:147\n"
        + frames
        + "$" + valueNumber + " = 0x" + Integer.toHexString(start) + "\n"
        + "$" + (valueNumber + 1) + " = 0x" + Integer.toHexString(length) + "\n"
        + "\n";
  }

  private static final String ALLOC_FRAMES =
      "#1  0x000009e8 in gc_alloc (n_bytes=n_bytes@entry=16, alloc_flags=alloc_flags@entry=0) at ../../py/gc.c:1024\n"
          + "#2  0x00000116 in m_malloc (num_bytes=num_bytes@entry=16) at ../../py/malloc.c:86\n"
          + "#3  0x00012e1e in list_new (n=n@entry=0) at ../../py/objlist.c:477\n";

  private static final String END = "Breakpoint 2, main (argc=<optimized out>, argv=<optimized out>) at main.c:84\n"
      + "84\t            if (pyexec_mode_kind == PYEXEC_MODE_RAW_REPL) {\n"
      + "[Inferior 1 (process 1) killed]\n";

  @Test
  void aCleanLogGivesOneEventPerRecordWithoutTheHookFrame() {
    Collected c = parse(PREAMBLE + record(1, 3, 1, ALLOC_FRAMES, 1) + record(2, 4, 2, ALLOC_FRAMES, 3) + END);
    assertThat(c.damage).isEmpty();
    assertThat(c.events).extracting(GcEvent::index).containsExactly(0L, 1L);
    assertThat(c.events).extracting(GcEvent::startBlock).containsExactly(3, 4);
    assertThat(c.events).extracting(GcEvent::length).containsExactly(1, 2);
    assertThat(c.events.get(0).line()).isEqualTo(4);
    assertThat(c.events.get(1).line()).isEqualTo(13);
    GcEvent e = c.events.get(0);
    assertThat(e.damaged()).isFalse();
    assertThat(e.trace()).containsExactly(
        new Frame(0x9e8, "gc_alloc", "n_bytes=n_bytes@entry=16, alloc_flags=alloc_flags@entry=0", "../../py/gc.c", 1024, null),
        new Frame(0x116, "m_malloc", "num_bytes=num_bytes@entry=16", "../../py/malloc.c", 86, null),
        new Frame(0x12e1e, "list_new", "n=n@entry=0", "../../py/objlist.c", 477, null));
    assertThat(c.summary.records()).isEqualTo(2);
    assertThat(c.summary.hook()).isEqualTo(new LogSummary.HookBreakpoint(1, "gc_log_change"));
    assertThat(c.summary.endHit()).startsWith("line 22: Breakpoint 2, main");
    assertThat(c.preamble.breakpoints()).containsExactly(
        new Breakpoint(1, 0x292, "file ../../py/gc.c, line 147."),
        new Breakpoint(2, 0x2514a, "file main.c, line 83."));
  }

  /**
   * A block of an area below the first area's pool (a heap that grows) is negative, and the hook's
   * size_t prints it as the two's complement of the target's word: gdb's breakpoint line unsigned in
   * decimal, the value in hex (the 32-bit form as a real capture writes it, sample-dumps/mps2-an385-below).
   */
  @Test
  void aNegativeStartBlockIsReadFromTheWordsTwosComplement() {
    String thirtyTwo = "Breakpoint 1, gc_log_change (start_block=4294963711, length=1) at ../../py/gc.c:152\n"
        + "152\t    gc_log_change_counter += length;\n"
        + "#0  gc_log_change (start_block=4294963711, length=1) at ../../py/gc.c:152\n" + ALLOC_FRAMES
        + "$1 = 0xfffff1ff\n$2 = 0x1\n\n";
    String sixtyFour = "Breakpoint 1, gc_log_change (start_block=18446744073709547007, length=2) at ../../py/gc.c:152\n"
        + "152\t    gc_log_change_counter += length;\n"
        + "#0  gc_log_change (start_block=18446744073709547007, length=2) at ../../py/gc.c:152\n" + ALLOC_FRAMES
        + "$3 = 0xffffffffffffedff\n$4 = 0x2\n\n";
    Collected c = parse(PREAMBLE + thirtyTwo + sixtyFour + record(3, 4, 1, ALLOC_FRAMES, 5) + END);
    assertThat(c.damage).isEmpty();
    assertThat(c.events).extracting(GcEvent::startBlock).containsExactly(-3585, -4609, 4);
    assertThat(c.events).extracting(GcEvent::length).containsExactly(1, 2, 1);
  }

  @Test
  void everyFrameForm() {
    String frames =
        "#1  gc_collect_end () at ../../py/gc.c:601\n"
            + "#2  0x0800abcd in ?? ()\n"
            + "#3  0x0800abd0 in foo ()\n"
            + "#4  0x00007ffff7a2d840 in __libc_start_main (main=0x400b, argc=1) from /lib/x86_64-linux-gnu/libc.so.6\n"
            + "#5  0x00011cf8 in mp_obj_new_str (data=0x2000 <heap+16> \"a (b), \\\"c\\\" ) d\", len=len@entry=9, q=0x0 <mp_obj_list_ensure>) at ../../py/objstr.c:2217\n"
            + "#6  0x00000116 in call (f=0x1234 <fun_table+8>, c='(') at ../../py/runtime.c:12\n"
            + "Backtrace stopped: previous frame inner to this frame (corrupt stack?)\n";
    Collected c = parse(PREAMBLE + record(1, 7, 0, frames, 1) + END);
    assertThat(c.damage).isEmpty();
    assertThat(c.events.get(0).trace()).containsExactly(
        new Frame(Frame.NO_PC, "gc_collect_end", "", "../../py/gc.c", 601, null),
        new Frame(0x0800abcdL, "??", "", null, 0, null),
        new Frame(0x0800abd0L, "foo", "", null, 0, null),
        new Frame(0x00007ffff7a2d840L, "__libc_start_main", "main=0x400b, argc=1", null, 0, "/lib/x86_64-linux-gnu/libc.so.6"),
        new Frame(0x11cf8, "mp_obj_new_str", "data=0x2000 <heap+16> \"a (b), \\\"c\\\" ) d\", len=len@entry=9, q=0x0 <mp_obj_list_ensure>",
            "../../py/objstr.c", 2217, null),
        new Frame(0x116, "call", "f=0x1234 <fun_table+8>, c='('", "../../py/runtime.c", 12, null));
    List<Frame> t = c.events.get(0).trace();
    assertThat(t.get(4).argumentList()).containsExactly(
        new Argument("data", "0x2000 <heap+16> \"a (b), \\\"c\\\" ) d\""),
        new Argument("len", "9"),
        new Argument("q", "0x0 <mp_obj_list_ensure>"));
    assertThat(t.get(4).argumentList().get(0).symbol()).isEqualTo("heap+16");
    assertThat(t.get(4).argumentList().get(1).symbol()).isNull();
    assertThat(t.get(5).argumentList()).extracting(Argument::value).containsExactly("0x1234 <fun_table+8>", "'('");
    assertThat(t.get(0).inlined()).isTrue();
    assertThat(t.get(0).location()).isEqualTo("../../py/gc.c:601");
    assertThat(t.get(1).location()).isEqualTo("??");
    assertThat(t.get(3).location()).isEqualTo("/lib/x86_64-linux-gnu/libc.so.6");
  }

  @Test
  void aFrameWrappedOverTwoLinesIsOneFrame() {
    String frames = "#1  0x000009e8 in gc_alloc (n_bytes=n_bytes@entry=16, alloc_flags=alloc_flags@entry=0)\n"
        + "    at ../../py/gc.c:1024\n";
    String wrappedHit = record(1, 3, 1, frames, 1)
        .replace("length=1) at ../../py/gc.c:147\n147", "length=1)\n    at ../../py/gc.c:147\n147");
    assertThat(wrappedHit).contains("length=1)\n    at ../../py/gc.c:147\n147");
    Collected c = parse(PREAMBLE + wrappedHit + END);
    assertThat(c.damage).isEmpty();
    assertThat(c.events.get(0).trace()).extracting(Frame::location).containsExactly("../../py/gc.c:1024");
  }

  @Test
  void theHookIsWhateverTheFirstHitIsAndOtherBreakpointsArePassedOver() {
    String log = "heapreel-fact &mp_state_ctx.mem.area = 0x20000190\n"
        + "heapreel-fact sizeof(mp_state_ctx) = 684\n"
        + "Breakpoint 1 at 0x2514a: file main.c, line 83.\n"
        + "Breakpoint 3 at 0x300: file ../../py/gc.c, line 90.\n"
        + "\n"
        + "Thread 1 \"main\" hit Breakpoint 3, 0x00000300 in heap_changed (first=5, blocks=2) at ../../py/gc.c:90\n"
        + "#0  heap_changed (first=5, blocks=2) at ../../py/gc.c:90\n"
        + ALLOC_FRAMES
        + "$1 = 0x5\n$2 = 0x2\n\n"
        + "Breakpoint 1, main () at main.c:84\n"
        + "84\t            if (pyexec_mode_kind == PYEXEC_MODE_RAW_REPL) {\n"
        + "\n"
        + "Breakpoint 3, heap_changed (first=6, blocks=1) at ../../py/gc.c:90\n"
        + "#0  heap_changed (first=6, blocks=1) at ../../py/gc.c:90\n"
        + "$3 = 0x6\n$4 = 0x1\n\n"
        + "Breakpoint 1, main () at main.c:84\n"
        + "[Inferior 1 (process 1) killed]\n";
    Collected c = parse(log);
    assertThat(c.summary.hook()).isEqualTo(new LogSummary.HookBreakpoint(3, "heap_changed"));
    assertThat(c.events).extracting(GcEvent::index, GcEvent::startBlock)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, 5), org.assertj.core.groups.Tuple.tuple(1L, 6));
    assertThat(c.summary.records()).isEqualTo(2);
    assertThat(c.summary.endHit()).isEqualTo("line 22: Breakpoint 1, main () at main.c:84");
    assertThat(c.preamble.fact("&mp_state_ctx.mem.area")).hasValue(0x20000190L);
    assertThat(c.preamble.fact("sizeof(mp_state_ctx)")).hasValue(684L);
    assertThat(c.damage).isEmpty();
  }

  @Test
  void thePreambleAloneIsReadFromAFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
    java.nio.file.Path log = dir.resolve("mylog.txt");
    java.nio.file.Files.writeString(log, "heapreel-fact sizeof(mp_state_ctx) = 684\n" + PREAMBLE + record(1, 3, 1, ALLOC_FRAMES, 1));
    Preamble p = GcLogParser.preamble(log);
    assertThat(p.fact("sizeof(mp_state_ctx)")).hasValue(684L);
    assertThat(p.breakpoints()).hasSize(2);
  }

  @Test
  void aGdbWarningInsideARecordIsReportedAndTheEventFlagged() {
    String frames = ALLOC_FRAMES + "warning: Could not load shared library symbols for 2 libraries.\n";
    Collected c = parse(PREAMBLE + record(1, 3, 1, frames, 1) + END);
    assertThat(c.damage).extracting(Damage::kind, Damage::line, Damage::skipped)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Damage.Kind.GDB_MESSAGE, 10L, false));
    assertThat(c.events).singleElement().matches(GcEvent::damaged).matches(e -> e.trace().size() == 3);
  }

  @Test
  void unreadableMemoryInsideARecordIsReportedAndTheEventFlagged() {
    String frames = ALLOC_FRAMES
        + "#4  0x00001234 in f (p=<error: Cannot access memory at address 0x30000000>) at x.c:1\n"
        + "Cannot access memory at address 0x20009004\n";
    Collected c = parse(PREAMBLE + record(1, 3, 1, frames, 1) + END);
    assertThat(c.damage).extracting(Damage::kind).containsExactly(Damage.Kind.UNREADABLE_MEMORY);
    assertThat(c.damage.get(0).line()).isEqualTo(11);
    assertThat(c.events.get(0).damaged()).isTrue();
    assertThat(c.events.get(0).trace()).hasSize(4);
  }

  @Test
  void aRecordCutShortByTheEndOfTheFileIsNotCounted() {
    String cut = "Breakpoint 1, gc_log_change (start_block=9, length=3) at ../../py/gc.c:147\n"
        + "147\t    gc_log_change_counter += length; // Break on this line.\n"
        + "#0  gc_log_change (start_block=9, length=3) at ../../py/gc.c:147\n"
        + "#1  0x000009e8 in gc_al";
    Collected c = parse(PREAMBLE + record(1, 3, 1, ALLOC_FRAMES, 1) + cut);
    assertThat(c.events).hasSize(1);
    assertThat(c.summary.records()).isEqualTo(1);
    assertThat(c.summary.endHit()).isNull();
    assertThat(c.damage).last().extracting(Damage::kind, Damage::line, Damage::skipped)
        .containsExactly(Damage.Kind.CUT_SHORT, 13L, true);
  }

  @Test
  void gdbNoticesBetweenRecordsAreNotDamageButOtherLinesAre() {
    Collected c = parse(PREAMBLE + record(1, 3, 1, ALLOC_FRAMES, 1) + "Continuing.\n"
        + record(2, 4, 1, ALLOC_FRAMES, 3) + "stray text\n[Inferior 1 (process 1) killed]\n");
    assertThat(c.events).hasSize(2);
    assertThat(c.damage).extracting(Damage::kind, Damage::line, Damage::record)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Damage.Kind.UNEXPECTED_LINE, 23L, -1L));
    assertThat(c.summary.endHit()).isNull();
  }

  @Test
  void aRecordCutShortByTheNextHitIsNotMergedWithIt() {
    String cut = "Breakpoint 1, gc_log_change (start_block=9, length=3) at ../../py/gc.c:147\n"
        + "#0  gc_log_change (start_block=9, length=3) at ../../py/gc.c:147\n"
        + "#1  0x000009e8 in gc_alloc (n_bytes=n_bytes@entry=48, alloc_flags=alloc_flags@entry=0) at ../../py/gc.c:1024\n";
    Collected c = parse(PREAMBLE + cut + record(2, 3, 1, ALLOC_FRAMES, 1) + END);
    // the cut record keeps its ordinal (its dump may exist); its values come from the breakpoint line
    assertThat(c.events).extracting(GcEvent::index, GcEvent::startBlock, GcEvent::length, GcEvent::damaged)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0L, 9, 3, true),
            org.assertj.core.groups.Tuple.tuple(1L, 3, 1, false));
    assertThat(c.events.get(0).trace()).hasSize(1);
    assertThat(c.events.get(1).trace()).hasSize(3);
    assertThat(c.damage).extracting(Damage::kind, Damage::line)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Damage.Kind.MISSING_VALUE, 4L));
  }

  @Test
  void aMissingValueLineWithoutBreakpointArgumentsSkipsTheRecordButKeepsItsOrdinal() {
    String noArgs = "Breakpoint 1, gc_log_change () at ../../py/gc.c:147\n"
        + "#0  gc_log_change () at ../../py/gc.c:147\n"
        + ALLOC_FRAMES
        + "$1 = 0x3\n\n";
    Collected c = parse(PREAMBLE + noArgs + record(2, 5, 1, ALLOC_FRAMES, 2) + END);
    assertThat(c.events).extracting(GcEvent::index).containsExactly(1L);
    assertThat(c.summary.records()).isEqualTo(2);
    assertThat(c.summary.skipped()).isEqualTo(1);
    assertThat(c.damage).extracting(Damage::kind, Damage::line, Damage::skipped)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Damage.Kind.MISSING_VALUE, 4L, true));
  }

  @Test
  void aMissingValueLineIsTakenFromTheBreakpointLine() {
    String record = record(1, 12, 4, ALLOC_FRAMES, 1).replace("$2 = 0x4\n", "");
    Collected c = parse(PREAMBLE + record + record(2, 3, 1, ALLOC_FRAMES, 2) + END);
    assertThat(c.events).extracting(GcEvent::startBlock, GcEvent::length, GcEvent::damaged)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(12, 4, true),
            org.assertj.core.groups.Tuple.tuple(3, 1, false));
    assertThat(c.damage).extracting(Damage::kind).containsExactly(Damage.Kind.MISSING_VALUE);
  }

  @Test
  void argumentsThatDisagreeWithTheValuesAreReported() {
    String record = record(1, 12, 4, ALLOC_FRAMES, 1).replace("$2 = 0x4", "$2 = 0x5");
    Collected c = parse(PREAMBLE + record + END);
    assertThat(c.events).extracting(GcEvent::length).containsExactly(5);
    assertThat(c.damage).extracting(Damage::kind, Damage::line)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Damage.Kind.VALUE_MISMATCH, 4L));
  }

  @Test
  void nonAsciiBytesAreReportedUnlessTheyAreUtf8InAString() {
    String utf8InString = "#4  0x00011cf8 in f (code=0x20004f90 <heap+19568> \"J\\022 \u00c2\u00b2 x\") at ../../py/objfun.c:1\n";
    String garbage = "#5  0x00011cf8 in g\u00ff\u00fe () at ../../py/objfun.c:2\n";
    Collected c = parse(PREAMBLE + record(1, 3, 1, ALLOC_FRAMES + utf8InString + garbage, 1) + END);
    assertThat(c.damage).extracting(Damage::kind, Damage::line)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Damage.Kind.NON_ASCII, 11L));
    GcEvent e = c.events.get(0);
    assertThat(e.damaged()).isTrue();
    assertThat(e.trace().get(3).arguments()).isEqualTo("code=0x20004f90 <heap+19568> \"J\\022 \u00b2 x\"");
    assertThat(e.trace()).hasSize(5);
  }

  @Test
  void aLineThatBelongsToNoPartOfARecordIsReported() {
    Collected c = parse(PREAMBLE + record(1, 3, 1, ALLOC_FRAMES + "#4  0x0001 in (((\n", 1) + END);
    assertThat(c.damage).extracting(Damage::kind, Damage::line)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Damage.Kind.UNEXPECTED_LINE, 10L));
    assertThat(c.events.get(0).damaged()).isTrue();
  }

  @Test
  void aLogWithoutAnyHitIsRefusedWithItsName() {
    assertThatThrownBy(() -> parse(PREAMBLE))
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("test.log")
        .hasMessageContaining("no breakpoint hit");
  }
}
