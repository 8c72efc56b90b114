package io.heapreel.model.gclog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapreel.model.error.CaptureException;
import io.heapreel.model.testing.RealCaptures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseAheadTest {
  private static final Path SAMPLE_LOG = RealCaptures.checkout().resolve("sample-dumps/small/mylog.txt");

  /** Every callback as a line, in the order it came, and the thread it came on. */
  private static final class Recorder implements GcLogListener {
    final List<String> calls = new ArrayList<>();
    final List<Thread> threads = new ArrayList<>();

    @Override
    public void preamble(Preamble p) {
      record("preamble " + p);
    }

    @Override
    public void event(GcEvent e) {
      record("event " + e.index() + " " + e.startBlock() + " " + e.length() + " " + e.trace().size() + " " + e.damaged());
    }

    @Override
    public void damage(Damage d) {
      record("damage " + d);
    }

    @Override
    public void end(LogSummary s) {
      record("end " + s);
    }

    private void record(String call) {
      calls.add(call);
      threads.add(Thread.currentThread());
    }
  }

  @Test
  void handsOverWhatTheParserReadsInOrderOnTheCallersThread() {
    Recorder direct = new Recorder();
    LogSummary expected = GcLogParser.parse(SAMPLE_LOG, direct);
    Recorder ahead = new Recorder();
    LogSummary summary = ParseAhead.parse(SAMPLE_LOG, ahead, 2);

    assertThat(summary).isEqualTo(expected);
    assertThat(ahead.calls).hasSize((int) expected.records() + 2).isEqualTo(direct.calls);
    assertThat(ahead.threads).containsOnly(Thread.currentThread());
  }

  @Test
  void damageComesThroughWhereItWasFound(@TempDir Path dir) throws IOException {
    String text = Files.readString(SAMPLE_LOG, StandardCharsets.ISO_8859_1);
    int cut = text.indexOf("Breakpoint 1, ", text.length() / 2);
    Path damaged = Files.writeString(dir.resolve("mylog.txt"), text.substring(0, cut + 40), StandardCharsets.ISO_8859_1);
    Recorder direct = new Recorder();
    GcLogParser.parse(damaged, direct);
    Recorder ahead = new Recorder();
    ParseAhead.parse(damaged, ahead, 3);

    assertThat(direct.calls).anyMatch(c -> c.startsWith("damage "));
    assertThat(ahead.calls).isEqualTo(direct.calls);
  }

  @Test
  void aListenerThatFailsStopsTheParse() throws InterruptedException {
    GcLogListener failing = new GcLogListener() {
      @Override
      public void event(GcEvent e) {
        if (e.index() == 5) {
          throw new IllegalStateException("listener gave up at event 5");
        }
      }
    };
    assertThatThrownBy(() -> ParseAhead.parse(SAMPLE_LOG, failing, 1))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("event 5");
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("heapreel-log-parser")) {
        t.join(5_000);
        assertThat(t.isAlive()).as("the parser thread has stopped").isFalse();
      }
    }
  }

  @Test
  void aLogThatCannotBeReadIsTheCallersError(@TempDir Path dir) {
    Path missing = dir.resolve("mylog.txt");
    assertThatThrownBy(() -> ParseAhead.parse(missing, new Recorder(), 4))
        .isInstanceOf(CaptureException.class).hasMessageContaining(missing.toString());
  }
}
