package io.heapreel.model.lifespan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The snapshot rule of CAPTURE.md: never the alloc event's own (memory still zero there). */
class TypingSnapshotTest {
  @Test
  void aliveAtTheEndIsTypedFromTheLastSnapshot() {
    assertThat(Lifespan.typingSnapshot(10, Lifespan.ALIVE, 100)).isEqualTo(99);
  }

  @Test
  void anEndedOneIsTypedJustBeforeItsEnd() {
    assertThat(Lifespan.typingSnapshot(10, 50, 100)).isEqualTo(49);
  }

  @Test
  void oneEndedByTheNextEventIsTypedAtItsEndWhereAFreeStillShowsIt() {
    assertThat(Lifespan.typingSnapshot(10, 11, 100)).isEqualTo(11);
  }

  @Test
  void noSnapshotWhenTheOneChosenIsNotInTheCapture() {
    assertThat(Lifespan.typingSnapshot(99, Lifespan.ALIVE, 100)).isEqualTo(-1);
    assertThat(Lifespan.typingSnapshot(10, 200, 100)).isEqualTo(-1);
  }
}
