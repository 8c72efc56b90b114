package io.heapreel.model.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AheadTest {
  @Test
  void theReaderGetsEveryItemInOrderThenNull() throws InterruptedException {
    try (Ahead<Integer> ahead = new Ahead<>("test-ahead", 3, sink -> {
      for (int i = 0; i < 100; i++) {
        sink.accept(i);
      }
    })) {
      List<Integer> taken = new ArrayList<>();
      assertThat(ahead.peek()).isZero();
      for (Integer i = ahead.take(); i != null; i = ahead.take()) {
        taken.add(i);
      }
      assertThat(taken).hasSize(100).isSorted().startsWith(0).endsWith(99);
      assertThat(ahead.peek()).isNull();
      assertThat(ahead.take()).isNull();
    }
  }

  @Test
  void theMakerWaitsWhenCapacityItemsWait() throws InterruptedException {
    AtomicInteger made = new AtomicInteger();
    try (Ahead<Integer> ahead = new Ahead<>("test-ahead", 2, sink -> {
      for (int i = 0; i < 10; i++) {
        sink.accept(i);
        made.incrementAndGet();
      }
    })) {
      // two in the queue, the third handed to the sink and waiting for room
      waitFor(made, 2);
      Thread.sleep(100);
      assertThat(made.get()).isEqualTo(2);
      assertThat(ahead.take()).isZero();
      waitFor(made, 3);
      Thread.sleep(100);
      assertThat(made.get()).isEqualTo(3);
    }
  }

  @Test
  void theMakersFailureIsThrownWhenTheReaderReachesIt() throws InterruptedException {
    try (Ahead<Integer> ahead = new Ahead<>("test-ahead", 4, sink -> {
      sink.accept(1);
      throw new IllegalStateException("gave up after 1");
    })) {
      assertThat(ahead.take()).isEqualTo(1);
      assertThatThrownBy(ahead::peek).isInstanceOf(IllegalStateException.class).hasMessage("gave up after 1");
      assertThatThrownBy(ahead::take).isInstanceOf(IllegalStateException.class).hasMessage("gave up after 1");
    }
  }

  @Test
  void closeStopsAMakerThatWaitsForRoom() throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Ahead<Integer> ahead = new Ahead<>("test-ahead", 1, sink -> {
      try {
        for (int i = 0; ; i++) {
          sink.accept(i);
        }
      } finally {
        stopped.countDown();
      }
    });
    assertThat(ahead.take()).isZero();
    ahead.close();
    assertThat(stopped.await(5, TimeUnit.SECONDS)).as("the maker has stopped").isTrue();
  }

  private static void waitFor(AtomicInteger made, int count) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (made.get() < count && System.nanoTime() < end) {
      Thread.sleep(5);
    }
  }
}
