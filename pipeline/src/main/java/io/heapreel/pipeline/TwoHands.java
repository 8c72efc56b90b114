package io.heapreel.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Items worked on by the calling thread and one helper thread, each with a state of its own (its
 * reader of ram.bin, its decoder or inspector, none of them thread-safe): the caller takes the first
 * half, the helper the second, and the results come back in item order. For a DoFn that would
 * otherwise keep one core busy while the other idles: on the DirectRunner's one worker (one fewer
 * than the cores, docs/speed.md) the snapshot decode and the key frames' inspection ran alone on
 * one core. Without a second core there is no helper and the caller does all.
 *
 * @param <S> a thread's state
 */
final class TwoHands<S> implements AutoCloseable {
  /** The work on item {@code index} with the calling thread's state. */
  interface Work<S, R> {
    R apply(S state, int index);
  }

  private final S own;
  private final S helpers;
  private final Consumer<S> close;
  private final ExecutorService helper;

  /**
   * @param state makes a thread's state (called once for the caller, once for the helper)
   * @param close closes a state
   * @param name the helper thread's name
   * @param helped whether to have a helper at all (on a machine with more than one core)
   */
  TwoHands(Supplier<S> state, Consumer<S> close, String name, boolean helped) {
    this.close = close;
    this.own = state.get();
    boolean two = helped && Runtime.getRuntime().availableProcessors() > 1;
    this.helpers = two ? state.get() : null;
    this.helper = two ? Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    }) : null;
  }

  /** {@code work} on items 0 to {@code count - 1}, split between the two threads; the results in item order. */
  <R> List<R> map(int count, Work<S, R> work) {
    int half = helper == null || count < 2 ? count : (count + 1) / 2;
    Future<List<R>> second = half == count ? null : helper.submit(() -> apply(helpers, work, half, count));
    List<R> results;
    try {
      results = apply(own, work, 0, half);
    } catch (RuntimeException | Error e) {
      if (second != null) {
        second.cancel(false);
        awaitQuietly(second); // the helper's state stays open until it is done with it
      }
      throw e;
    }
    if (second != null) {
      results.addAll(await(second));
    }
    return results;
  }

  private static <S, R> List<R> apply(S state, Work<S, R> work, int from, int to) {
    List<R> results = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      results.add(work.apply(state, i));
    }
    return results;
  }

  private static <R> R await(Future<R> result) {
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the helper thread", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  private static void awaitQuietly(Future<?> result) {
    try {
      result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | CancellationException e) {
      // the caller's own failure is the one thrown
    }
  }

  /** Stops the helper (after the work it has) and closes both states. */
  @Override
  public void close() {
    if (helper != null) {
      helper.shutdown();
    }
    for (S state : Arrays.asList(own, helpers)) {
      if (state != null) {
        close.accept(state);
      }
    }
  }
}
