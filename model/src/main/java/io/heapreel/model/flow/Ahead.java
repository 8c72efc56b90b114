package io.heapreel.model.flow;

import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Items made in order on a thread of its own, ahead of one reader that takes them in the same
 * order: the making overlaps with what the reader does with them. At most {@code capacity} items
 * wait, so memory stays bounded; an exception or error of the making is thrown again on the
 * reader's thread when the reader reaches it, and {@link #close()} stops the making. Not
 * thread-safe on the reader's side (one reader thread). Items are never null.
 *
 * @param <T> the items
 */
public final class Ahead<T> implements AutoCloseable {
  /** Makes the items, handing each to {@code sink} in order; runs on the thread of its own. */
  @FunctionalInterface
  public interface Maker<T> {
    void make(Consumer<T> sink);
  }

  private sealed interface Item<T> permits Made, Failed, Done {}

  private record Made<T>(T value) implements Item<T> {}

  private record Failed<T>(Throwable error) implements Item<T> {}

  private record Done<T>() implements Item<T> {}

  private final BlockingQueue<Item<T>> queue;
  private final Thread thread;
  /** The first item not taken yet, already out of the queue; null when none is. */
  private Item<T> next;

  /** Starts making at once, on a daemon thread named {@code threadName}. */
  public Ahead(String threadName, int capacity, Maker<T> maker) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity " + capacity + " must be at least 1");
    }
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = new Thread(() -> run(maker), threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /** The next item without taking it, waiting for it if need be; null once every item is taken. */
  public T peek() throws InterruptedException {
    if (next == null) {
      next = queue.take();
    }
    if (next instanceof Failed<T> failed) {
      if (failed.error() instanceof Error error) {
        throw error;
      }
      throw (RuntimeException) failed.error();
    }
    return next instanceof Made<T> made ? made.value() : null;
  }

  /** Takes the next item, waiting for it if need be; null once every item is taken. */
  public T take() throws InterruptedException {
    T value = peek();
    if (value != null) {
      next = null;
    }
    return value;
  }

  private void run(Maker<T> maker) {
    try {
      maker.make(this::put);
      queue.put(new Done<>());
    } catch (Stopped | InterruptedException stopped) {
      // closed: nobody waits for the rest
    } catch (RuntimeException | Error e) {
      try {
        queue.put(new Failed<>(e));
      } catch (InterruptedException stopped) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void put(T value) {
    try {
      queue.put(new Made<>(Objects.requireNonNull(value, "item")));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Stopped();
    }
  }

  /** Stops the making (at its next item) and waits for its thread to end. */
  @Override
  public void close() {
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Unwinds the making when the reader has gone. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super(null, null, false, false);
    }
  }
}
