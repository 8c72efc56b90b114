package io.heapreel.model.gclog;

import io.heapreel.model.error.CaptureException;
import io.heapreel.model.flow.Ahead;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@link GcLogParser#parse(Path, GcLogListener)} on a thread of its own, its callbacks handed in log
 * order to the listener on the caller's thread: reading and parsing the text overlap with what the
 * listener does (the pipeline's replay types lifespans and makes rows, about as much work again).
 * At most about {@code capacity} callbacks wait between the two, so memory stays bounded; an
 * exception on either side ends both. Callbacks cross in batches: handed over one by one, the two
 * threads woke each other for every event (the parser waiting on a full queue, the reader on an
 * empty one), which cost more CPU than parsing the 8 GB bench capture's log (docs/speed.md).
 */
public final class ParseAhead {
  /** What the parser thread hands over: a callback to make, or what the parse returned. */
  private sealed interface Step permits Calls, Parsed {}

  /** Listener callbacks, made again on the caller's thread in order. */
  private record Calls(List<Consumer<GcLogListener>> callbacks) implements Step {}

  private record Parsed(LogSummary summary) implements Step {}

  /** Callbacks handed over together at most. */
  static final int BATCH = 128;

  private ParseAhead() {}

  /** Parses {@code log} with callbacks to {@code listener} on this thread; returns what the parser returns. */
  public static LogSummary parse(Path log, GcLogListener listener, int capacity) {
    int batch = Math.max(1, Math.min(BATCH, capacity));
    try (Ahead<Step> parser = new Ahead<>("heapreel-log-parser", Math.max(1, capacity / batch), steps -> produce(log, batch, steps))) {
      while (true) {
        Step step = parser.take();
        if (step instanceof Parsed parsed) {
          return parsed.summary();
        }
        for (Consumer<GcLogListener> callback : ((Calls) step).callbacks()) {
          callback.accept(listener);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CaptureException(log + ": interrupted while reading the gdb log", e);
    }
  }

  private static void produce(Path log, int batch, Consumer<Step> steps) {
    Batches batches = new Batches(batch, steps);
    LogSummary summary = GcLogParser.parse(log, batches);
    batches.flush();
    steps.accept(new Parsed(summary));
  }

  /** The parser's callbacks gathered into batches of {@code size}. */
  private static final class Batches implements GcLogListener {
    private final int size;
    private final Consumer<Step> steps;
    private List<Consumer<GcLogListener>> calls;

    Batches(int size, Consumer<Step> steps) {
      this.size = size;
      this.steps = steps;
      this.calls = new ArrayList<>(size);
    }

    @Override
    public void preamble(Preamble preamble) {
      add(l -> l.preamble(preamble));
    }

    @Override
    public void event(GcEvent event) {
      add(l -> l.event(event));
    }

    @Override
    public void damage(Damage damage) {
      add(l -> l.damage(damage));
    }

    @Override
    public void end(LogSummary summary) {
      add(l -> l.end(summary));
    }

    private void add(Consumer<GcLogListener> call) {
      calls.add(call);
      if (calls.size() == size) {
        flush();
      }
    }

    void flush() {
      if (!calls.isEmpty()) {
        steps.accept(new Calls(calls));
        calls = new ArrayList<>(size);
      }
    }
  }
}
