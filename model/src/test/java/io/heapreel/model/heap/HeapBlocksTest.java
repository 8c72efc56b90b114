package io.heapreel.model.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapreel.model.capture.Memory;
import org.junit.jupiter.api.Test;

/** Heap blocks: one numbering over the areas of a split heap, counted from the lowest pool start. */
class HeapBlocksTest {
  // two areas as MICROPY_GC_SPLIT_HEAP lays them out: 16 blocks of 16 bytes each, the second area's
  // tables (32 bytes = 2 blocks) between the pools
  static final HeapArea LOW = new HeapArea(0x1000, 4, 0, 0x1010, 0x1110, 4);
  static final HeapArea HIGH = new HeapArea(0x1110, 4, 0, 0x1130, 0x1230, 4);

  @Test
  void areasAreOrderedByPoolStartWhateverOrderTheyAreGivenIn() {
    assertThat(HeapLocation.of(HIGH, LOW).areas()).containsExactly(LOW, HIGH);
  }

  @Test
  void aHeapBlockIsTheAddressCountedInBlocksFromTheFirstPool() {
    HeapLocation heap = HeapLocation.of(LOW, HIGH);
    assertThat(heap.heapBlock(0, 5)).isEqualTo(5);
    // 0x1130 - 0x1010 = 0x120 = 288 bytes = 18 blocks
    assertThat(heap.heapBlock(1, 0)).isEqualTo(18);
    assertThat(heap.heapBlock(1, 3)).isEqualTo(21);
    assertThat(heap.blockAddress(21)).isEqualTo(0x1160);
    assertThat(heap.blockOf(0x1160)).isEqualTo(21);
    assertThat(heap.heapBlocks()).isEqualTo(34);
    assertThat(heap.totalBlocks()).isEqualTo(32);
  }

  @Test
  void blocksBetweenThePoolsLieInNoArea() {
    HeapLocation heap = HeapLocation.of(LOW, HIGH);
    assertThat(heap.areaOf(15)).isZero();
    assertThat(heap.areaOf(16)).isEqualTo(-1);
    assertThat(heap.areaOf(17)).isEqualTo(-1);
    assertThat(heap.areaOf(18)).isEqualTo(1);
    assertThat(heap.areaOf(33)).isEqualTo(1);
    assertThat(heap.areaOf(34)).isEqualTo(-1);
    assertThat(heap.inPool(0x1110)).isFalse();
    assertThat(heap.inPool(0x1130)).isTrue();
  }

  @Test
  void oneAreasHeapBlocksAreItsOwnBlocks() {
    HeapLocation heap = HeapLocation.of(LOW);
    for (int b = 0; b < LOW.blocks(); b++) {
      assertThat(heap.blockAddress(b)).isEqualTo(LOW.blockAddress(b));
      assertThat(heap.areaOf(b)).isZero();
    }
  }

  @Test
  void blockStatesByHeapBlockReadEachAreasOwnTable() {
    HeapLocation heap = HeapLocation.of(LOW, HIGH);
    Memory memory = new TestRam(0x1000, 0x300).states(LOW, "..h=").states(HIGH, "....h").snapshot();
    byte[] states = BlockState.all(memory, heap);
    assertThat(states).hasSize(34);
    assertThat(states[2]).isEqualTo((byte) BlockState.HEAD);
    assertThat(states[3]).isEqualTo((byte) BlockState.TAIL);
    assertThat(states[18 + 4]).isEqualTo((byte) BlockState.HEAD);
    assertThat(BlockState.of(memory, heap, 22)).isEqualTo(BlockState.HEAD);
    assertThat(BlockState.of(memory, heap, 17)).isEqualTo(-1);
  }

  @Test
  void areasOfDifferentWordSizesAreRefused() {
    assertThatThrownBy(() -> HeapLocation.of(LOW, new HeapArea(0x2000, 4, 0, 0x2020, 0x2220, 8)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
