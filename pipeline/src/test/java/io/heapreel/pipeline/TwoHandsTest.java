package io.heapreel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Results in item order, each state used by one thread only, failures thrown on the caller, states closed. */
class TwoHandsTest {
  /** A thread's state: which threads used it. */
  private static final class State {
    final Set<Thread> users = ConcurrentHashMap.newKeySet();
    boolean closed;
  }

  @Test
  void theResultsComeInItemOrderEachStateOnOneThread() {
    List<State> states = Collections.synchronizedList(new ArrayList<>());
    try (TwoHands<State> hands = new TwoHands<>(() -> {
      State s = new State();
      states.add(s);
      return s;
    }, s -> s.closed = true, "test-helper", true)) {
      for (int count : new int[] {0, 1, 2, 7, 1000}) {
        List<Integer> squares = hands.map(count, (state, i) -> {
          state.users.add(Thread.currentThread());
          return i * i;
        });
        assertThat(squares).hasSize(count);
        for (int i = 0; i < count; i++) {
          assertThat(squares.get(i)).isEqualTo(i * i);
        }
      }
      assertThat(states).allSatisfy(s -> assertThat(s.users).hasSizeLessThanOrEqualTo(1));
    }
    assertThat(states).isNotEmpty().allSatisfy(s -> assertThat(s.closed).isTrue());
  }

  @Test
  void aFailureOfEitherHalfIsThrownOnTheCaller() {
    try (TwoHands<Object> hands = new TwoHands<>(Object::new, s -> {}, "test-helper", true)) {
      for (int failing : new int[] {0, 9}) {
        assertThatThrownBy(() -> hands.map(10, (state, i) -> {
          if (i == failing) {
            throw new IllegalStateException("item " + i);
          }
          return i;
        })).isInstanceOf(IllegalStateException.class).hasMessage("item " + failing);
      }
      assertThat(hands.map(3, (state, i) -> i)).containsExactly(0, 1, 2);
    }
  }

  @Test
  void withoutAHelperTheCallerDoesAll() {
    AtomicInteger made = new AtomicInteger();
    try (TwoHands<Object> hands = new TwoHands<>(() -> made.incrementAndGet(), s -> {}, "test-helper", false)) {
      Thread caller = Thread.currentThread();
      assertThat(hands.map(5, (state, i) -> Thread.currentThread() == caller)).containsOnly(true);
    }
    assertThat(made).hasValue(1);
  }
}
