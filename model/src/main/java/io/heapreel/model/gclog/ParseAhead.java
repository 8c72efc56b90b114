package io.heapreel.model.gclog;

import io.heapreel.model.error.CaptureException;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * {@link GcLogParser#parse(Path, GcLogListener)} on a thread of its own, its callbacks handed in log
 * order to the listener on the caller's thread: reading and parsing the text overlap with what the
 * listener does (the pipeline's replay types lifespans and makes rows, about as much work again).
 * At most {@code capacity} callbacks wait between the two, so memory stays bounded; an exception on
 * either side ends both.
 */
public final class ParseAhead {
  /** What the parser thread hands over: a callback to make, or how the parse ended. */
  private sealed interface Item permits Call, Failed, Done {}

  /** One listener callback, made again on the caller's thread. */
  private record Call(Consumer<GcLogListener> callback) implements Item {}

  /** An exception or error of the parser thread, thrown again on the caller's. */
  private record Failed(Throwable error) implements Item {}

  private record Done(LogSummary summary) implements Item {}

  private ParseAhead() {}

  /** Parses {@code log} with callbacks to {@code listener} on this thread; returns what the parser returns. */
  public static LogSummary parse(Path log, GcLogListener listener, int capacity) {
    BlockingQueue<Item> queue = new ArrayBlockingQueue<>(capacity);
    Thread parser = new Thread(() -> produce(log, queue), "heapreel-log-parser");
    parser.setDaemon(true);
    parser.start();
    try {
      while (true) {
        Item item = queue.take();
        if (item instanceof Done done) {
          return done.summary();
        }
        if (item instanceof Failed failed) {
          if (failed.error() instanceof Error error) {
            throw error;
          }
          throw (RuntimeException) failed.error();
        }
        ((Call) item).callback().accept(listener);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CaptureException(log + ": interrupted while reading the gdb log", e);
    } finally {
      parser.interrupt();
    }
  }

  private static void produce(Path log, BlockingQueue<Item> queue) {
    try {
      LogSummary summary =
          GcLogParser.parse(
              log,
              new GcLogListener() {
                @Override
                public void preamble(Preamble preamble) {
                  put(queue, new Call(l -> l.preamble(preamble)));
                }

                @Override
                public void event(GcEvent event) {
                  put(queue, new Call(l -> l.event(event)));
                }

                @Override
                public void damage(Damage damage) {
                  put(queue, new Call(l -> l.damage(damage)));
                }

                @Override
                public void end(LogSummary summary) {
                  put(queue, new Call(l -> l.end(summary)));
                }
              });
      put(queue, new Done(summary));
    } catch (Stopped stopped) {
      // the reader has gone: nobody waits for the rest
    } catch (RuntimeException | Error e) {
      try {
        queue.put(new Failed(e));
      } catch (InterruptedException stopped) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void put(BlockingQueue<Item> queue, Item item) {
    try {
      queue.put(item);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Stopped();
    }
  }

  /** Unwinds the parser thread when the reader stopped taking. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super(null, null, false, false);
    }
  }
}
