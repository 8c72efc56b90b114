package io.heapreel.model.lifespan;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.gclog.Frame;
import io.heapreel.model.gclog.GcEvent;
import io.heapreel.model.gclog.GcLogListener;
import io.heapreel.model.gclog.GcLogParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.XZInputStream;

/**
 * A real gdb 13.1 log of a capture.gdb with {@code backtrace 3} in the hook's commands
 * (gdb-habits/backtrace-3.log.xz: MPS2_AN385, the firmware tests' program, 800 records): gdb wrote
 * no {@code (More stack frames follow...)} into it, so the run's warning said only "(a backtrace
 * limit?)". The traces' depths tell the limit, and the first record it cut.
 */
class TraceDepthsTest {
  @TempDir Path dir;

  @Test
  void aBacktraceLimitIsToldByTheDepthsOfTheTraces() throws IOException {
    Path log = dir.resolve("backtrace-3.log");
    try (InputStream in = new XZInputStream(TraceDepthsTest.class.getResourceAsStream("/gdb-habits/backtrace-3.log.xz"))) {
      Files.copy(in, log);
    }
    assertThat(Files.readString(log)).doesNotContain("More stack frames");
    TraceDepths depths = new TraceDepths();
    GcLogParser.parse(log, new GcLogListener() {
      @Override
      public void event(GcEvent e) {
        depths.event(e, e.length() > 0 && SiteRules.MICROPYTHON.siteIndex(e.trace()) < 0);
      }
    });
    assertThat(depths.limit()).isEqualTo(3);
    assertThat(depths.firstLine()).isEqualTo(14);
  }

  @Test
  void sitelessAllocationsOfSeveralDepthsShowNoLimit() {
    TraceDepths depths = new TraceDepths();
    depths.event(event(1, 3), true);
    depths.event(event(2, 5), true);
    assertThat(depths.limit()).isZero();
    TraceDepths deeper = new TraceDepths();
    deeper.event(event(1, 3), true);
    deeper.event(event(2, 9), false);
    assertThat(deeper.limit()).isZero();
  }

  private static GcEvent event(long line, int frames) {
    Frame f = new Frame(0x100L, "gc_alloc", "", "../../py/gc.c", 1022, null);
    return new GcEvent(line, line, 1, 1, java.util.Collections.nCopies(frames - 1, f), false);
  }
}
