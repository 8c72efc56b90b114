package io.heapreel.model.gclog;

import io.heapreel.model.error.CaptureException;
import io.heapreel.model.flow.Ahead;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * {@link GcLogParser#parse(Path, GcLogListener)} on a thread of its own, its callbacks handed in log
 * order to the listener on the caller's thread: reading and parsing the text overlap with what the
 * listener does (the pipeline's replay types lifespans and makes rows, about as much work again).
 * At most {@code capacity} callbacks wait between the two, so memory stays bounded; an exception on
 * either side ends both.
 */
public final class ParseAhead {
  /** What the parser thread hands over: a callback to make, or what the parse returned. */
  private sealed interface Step permits Call, Parsed {}

  /** One listener callback, made again on the caller's thread. */
  private record Call(Consumer<GcLogListener> callback) implements Step {}

  private record Parsed(LogSummary summary) implements Step {}

  private ParseAhead() {}

  /** Parses {@code log} with callbacks to {@code listener} on this thread; returns what the parser returns. */
  public static LogSummary parse(Path log, GcLogListener listener, int capacity) {
    try (Ahead<Step> parser = new Ahead<>("heapreel-log-parser", capacity, steps -> produce(log, steps))) {
      while (true) {
        Step step = parser.take();
        if (step instanceof Parsed parsed) {
          return parsed.summary();
        }
        ((Call) step).callback().accept(listener);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CaptureException(log + ": interrupted while reading the gdb log", e);
    }
  }

  private static void produce(Path log, Consumer<Step> steps) {
    LogSummary summary =
        GcLogParser.parse(
            log,
            new GcLogListener() {
              @Override
              public void preamble(Preamble preamble) {
                steps.accept(new Call(l -> l.preamble(preamble)));
              }

              @Override
              public void event(GcEvent event) {
                steps.accept(new Call(l -> l.event(event)));
              }

              @Override
              public void damage(Damage damage) {
                steps.accept(new Call(l -> l.damage(damage)));
              }

              @Override
              public void end(LogSummary summary) {
                steps.accept(new Call(l -> l.end(summary)));
              }
            });
    steps.accept(new Parsed(summary));
  }
}
