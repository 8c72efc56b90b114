package io.heapreel.model.lifespan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapreel.model.error.CaptureException;
import io.heapreel.model.gclog.Damage;
import io.heapreel.model.gclog.Frame;
import io.heapreel.model.gclog.GcEvent;
import io.heapreel.model.gclog.GcLogListener;
import io.heapreel.model.gclog.GcLogParser;
import io.heapreel.model.gclog.LogScan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.XZInputStream;

/**
 * The program of gdb-frame-info/default.log captured again by gdb 13 on the same firmware with a
 * capture.gdb written with other habits (resources gdb-habits/, README.md there): every log gives
 * the records, traces and lifespans of the default one, without damage.
 */
class GdbHabitsTest {
  @TempDir static Path dir;
  private static Path defaultLog;
  private static List<String> expectedEvents;
  private static List<String> expectedCallers;
  private static List<String> expectedLifespans;

  @BeforeAll
  static void unpack() throws IOException {
    defaultLog = unpacked("/gdb-frame-info/default.log");
    expectedEvents = events(defaultLog).events;
    expectedCallers = scanned(defaultLog).events;
    expectedLifespans = lifespans(LogReplay.read(defaultLog, SiteRules.MICROPYTHON));
  }

  /**
   * bt-full: locals under each frame; trace-commands: gdb's echo of each command; second-breakpoint:
   * another breakpoint (4 locations, hits as 'Breakpoint 2.4,') whose commands print a '$k' value;
   * breakpoint-before-the-hook: one on mp_init, hit before the heap first changes;
   * thread-apply-all-bt: a 'Thread 1 (...):' line before the frames.
   */
  @ParameterizedTest
  @ValueSource(strings = {"bt-full", "trace-commands", "second-breakpoint", "breakpoint-before-the-hook", "thread-apply-all-bt"})
  void aLogWrittenWithAnotherHabitReadsAsTheDefaultOne(String name) throws IOException {
    Path log = unpacked("/gdb-habits/" + name + ".log");

    Events full = events(log);
    assertThat(full.damage).isEmpty();
    assertThat(full.events).hasSize(800).isEqualTo(expectedEvents);
    Events fast = scanned(log);
    assertThat(fast.damage).isEmpty();
    assertThat(fast.events).isEqualTo(expectedCallers);
    LogReplay replay = LogReplay.read(log, SiteRules.MICROPYTHON);
    assertThat(lifespans(replay)).hasSize(643).isEqualTo(expectedLifespans);
  }

  /**
   * A silent breakpoint's value lands inside a hook record as its third: reported, and the records
   * after it are numbered after it (none counted as lost).
   */
  @Test
  void aSilentBreakpointsValuesAreDamageButMoveNoRecord() throws IOException {
    Path log = unpacked("/gdb-habits/silent-breakpoint.log");

    Events full = events(log);
    assertThat(full.damage).hasSize(9).allSatisfy(d -> assertThat(d.detail()).startsWith("a third value in one record"));
    assertThat(full.events).isEqualTo(expectedEvents);
    Events fast = scanned(log);
    assertThat(fast.damage).hasSize(9).noneMatch(Damage::skipped);
    assertThat(fast.events).isEqualTo(expectedCallers);
  }

  /**
   * A breakpoint of the user's own in gc.c, {@code break gc_init} with {@code bt} and {@code
   * continue}, hit before the heap first changes (gdb 13.1, MPS2_AN385, 803 records): two
   * breakpoints in gc.c, so the hook is the first whose hit stops in gc_log_change. Before, the
   * gc_init hit was taken as the hook: 1 record for 803 dumps, no events or lifespans, exit 0. The
   * same records as the log with the gc_init breakpoint's lines taken out.
   */
  @Test
  void aBreakpointOfTheUsersOwnInGcCHitBeforeTheHookIsNotTheHook() throws IOException {
    Path log = unpacked("/gdb-habits/gc-init-breakpoint.log");
    List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
    assertThat(lines.get(9)).startsWith("Breakpoint 2 at ").endsWith("gc.c, line 254.");
    assertThat(lines.get(14)).startsWith("Breakpoint 2, gc_init (");
    Path without = dir.resolve("gc-init-taken-out.log");
    List<String> kept = new ArrayList<>(lines);
    kept.subList(14, 19).clear();
    kept.remove(9);
    Files.write(without, kept, StandardCharsets.ISO_8859_1);

    Events full = events(log);
    assertThat(full.damage).isEmpty();
    assertThat(full.events).hasSize(803).isEqualTo(events(without).events);
    assertThat(scanned(log).events).isEqualTo(scanned(without).events);
    assertThat(lifespans(LogReplay.read(log, SiteRules.MICROPYTHON))).hasSize(643)
        .isEqualTo(lifespans(LogReplay.read(without, SiteRules.MICROPYTHON)));
  }

  /**
   * dprintf text that reads like gdb's own (gdb 13.1, MPS2_AN385, 803 records): {@code dprintf
   * gc_alloc,"#1 fake\n"} lands after a record's values (before, read as a frame: every event's
   * trace got a frame 'fake', exit 0, no word), {@code "Breakpoint 9, fake\n"} read as another
   * breakpoint's stop (silently), and on gc_free a whole hook hit line with nothing after it (before:
   * read as records without values, so the real ones after them were dropped as misplaced: 47 call
   * sites instead of 56). Now each is a damage line, and the events are those of the log without
   * the dprintf's lines.
   */
  @ParameterizedTest
  @ValueSource(strings = {"frame:#1 fake", "hit:Breakpoint 9, fake",
      "hook:Breakpoint 1, gc_log_change (start_block=7, length=3) at ../../py/gc.c:152"})
  void dprintfTextThatReadsLikeGdbsIsDamageNotARecordOrAFrame(String variant) throws IOException {
    String name = variant.substring(0, variant.indexOf(':'));
    String text = variant.substring(name.length() + 1);
    Path log = unpacked("/gdb-habits/dprintf-" + name + ".log");
    List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      boolean sourceLineFollows = i + 1 < lines.size() && lines.get(i + 1).matches("\\d+\t.*");
      if (!lines.get(i).equals(text) || sourceLineFollows) {
        kept.add(lines.get(i));
      }
    }
    Path without = dir.resolve("dprintf-" + name + "-taken-out.log");
    Files.write(without, kept, StandardCharsets.ISO_8859_1);
    int printed = lines.size() - kept.size();
    assertThat(printed).isGreaterThan(100);

    Events reference = events(without);
    assertThat(reference.damage).isEmpty();
    Events full = events(log);
    assertThat(full.events).hasSize(803).isEqualTo(reference.events);
    // the one before the first record is read as a stop of another breakpoint, as any text there
    assertThat(full.damage).hasSizeBetween(printed - 1, printed).noneMatch(Damage::skipped);
    assertThat(scanned(log).events).isEqualTo(scanned(without).events);
  }

  @Test
  void aHookWithSeveralLocationsIsReadByItsNumber() throws IOException {
    Path log = dir.resolve("locations.log");
    Files.writeString(log, Files.readString(defaultLog, StandardCharsets.ISO_8859_1).replace("\nBreakpoint 1, ", "\nBreakpoint 1.2, "),
        StandardCharsets.ISO_8859_1);

    Events full = events(log);
    assertThat(full.damage).isEmpty();
    assertThat(full.events).isEqualTo(expectedEvents);
  }

  @Test
  void twoCapturesInOneLogStopNamingTheLineTheSecondStartsAt() throws IOException {
    Path log = dir.resolve("twice.log");
    Files.copy(defaultLog, log);
    Files.write(log, Files.readAllBytes(defaultLog), StandardOpenOption.APPEND);

    assertThatThrownBy(() -> events(log)).isInstanceOf(CaptureException.class)
        .hasMessageContaining(log + " line 12218: a second capture's preamble")
        .hasMessageContaining("800 dumps");
    assertThatThrownBy(() -> scanned(log)).isInstanceOf(CaptureException.class)
        .hasMessageContaining("line 12218");
  }

  /**
   * gdb prints a warning where it meets one: computing an argument's entry value in an optimised
   * {@code mpz_need_dig} (a SABRELITE build of the same source, gdb 13.1), it printed two warnings
   * inside frame #4's argument list and went on with the frame after them. Three real records
   * (warning-inside-frame.log): the frame is read whole, the allocation's site is mpz_need_dig, no
   * damage, the fast pass alike. Before, three damage reports and the site mpz_set_from_str.
   */
  @Test
  void aWarningInsideAFrameIsReadAsPartOfIt() throws IOException {
    Path log = dir.resolve("warning-inside-frame.log");
    try (InputStream in = GdbHabitsTest.class.getResourceAsStream("/gdb-habits/warning-inside-frame.log")) {
      Files.copy(in, log, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Events full = events(log);
    assertThat(full.damage).isEmpty();
    assertThat(full.events).hasSize(3);
    assertThat(scanned(log).damage).isEmpty();
    Lifespan mpz = LogReplay.read(log, SiteRules.MICROPYTHON).lifespans().stream()
        .filter(l -> l.startEvent() == 1).findFirst().orElseThrow();
    Frame site = mpz.startTrace().get(mpz.site());
    assertThat(site.function() + " " + site.file() + ":" + site.line()).isEqualTo("mpz_need_dig ../../py/mpz.c:687");
    assertThat(mpz.startTrace()).hasSize(11); // frames #1 to #11
  }

  private record Events(List<String> events, List<Damage> damage) {}

  /** Index, start block, length and trace functions of each event, as the full parser reads them. */
  private static Events events(Path log) {
    Collector c = new Collector(true);
    GcLogParser.parse(log, c);
    return new Events(c.events, c.damage);
  }

  /** The same from the fast pass in small pieces, the caller in place of the trace. */
  private static Events scanned(Path log) {
    Collector c = new Collector(false);
    LogScan.run(log, 64 << 10, 2, true, c);
    return new Events(c.events, c.damage);
  }

  private static final class Collector implements GcLogListener {
    final boolean traces;
    final List<String> events = new ArrayList<>();
    final List<Damage> damage = new ArrayList<>();

    Collector(boolean traces) {
      this.traces = traces;
    }

    @Override
    public void event(GcEvent e) {
      Object frames = traces ? e.trace().stream().map(Frame::function).toList() : e.caller() == null ? null : e.caller().function();
      events.add(e.index() + " " + e.startBlock() + " " + e.length() + " " + frames);
    }

    @Override
    public void damage(Damage d) {
      damage.add(d);
    }
  }

  private static List<String> lifespans(LogReplay replay) {
    return replay.lifespans().stream()
        .map(l -> l.startEvent() + " " + l.startBlock() + " " + l.blocks() + " " + l.startAction() + " " + l.endEvent() + " "
            + l.endCause() + " " + (l.site() < 0 ? null : l.startTrace().get(l.site()).function()))
        .sorted()
        .toList();
  }

  private static Path unpacked(String resource) throws IOException {
    Path target = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1).replace(".log", "") + "-" + resource.hashCode() + ".log");
    if (!Files.exists(target)) {
      try (InputStream in = new XZInputStream(GdbHabitsTest.class.getResourceAsStream(resource + ".xz"))) {
        Files.copy(in, target);
      }
    }
    return target;
  }
}
