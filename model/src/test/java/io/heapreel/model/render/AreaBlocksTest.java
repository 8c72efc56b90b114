package io.heapreel.model.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An area a snapshot lacks (a heap that grows) is told apart from one it has, for its label. */
class AreaBlocksTest {
  @Test
  void anAreaOfNotHeapBlocksIsNotInTheSnapshot() {
    assertThat(new AreaBlocks(0x2000, 16, AreaBlocks.notHeap(496)).inSnapshot()).isFalse();
    assertThat(new AreaBlocks(0x2000, 16, new byte[496]).inSnapshot()).isTrue();
    assertThat(new AreaBlocks(0x2000, 16, new byte[0]).inSnapshot()).isTrue();
  }
}
