package io.heapreel.testkit.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.testkit.generate.GcListener.Action;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The allocator rules of py/gc.c, checked block by block on a small heap with hand-worked results. */
class GcSimulatorTest {
  private final List<String> events = new ArrayList<>();
  private final List<String> atHook = new ArrayList<>();
  private FirmwareLayout layout;
  private Image ram;
  private CStack stack;
  private GcSimulator gc;

  @BeforeEach
  void setUp() {
    layout = new FirmwareLayout(4096);
    ram = new Image(FirmwareLayout.RAM, (int) layout.ramBytes(), 4);
    stack = new CStack(ram, layout.estack - 0x40, layout.ebss);
    gc = new GcSimulator(ram, new LogWriter(layout, new StringWriter()), layout, stack);
    gc.listen(
        (action, block, blocks, frames) -> {
          events.add(action.csv() + " " + block + " " + blocks);
          atHook.add(states(0, 8));
        });
  }

  /** States of blocks [from, to) as letters: . free, h head, t tail, m mark. */
  private String states(int from, int to) {
    StringBuilder s = new StringBuilder();
    for (int b = from; b < to; b++) {
      s.append(".htm".charAt(gc.kind(b)));
    }
    return s.toString();
  }

  private long alloc(int bytes) {
    return gc.alloc(bytes, false, AllocTag.raw("test"), List.of());
  }

  @Test
  void geometryIsV128s() {
    // 4096-byte array: (4096 - 1) * 8 / (8 + 4 + 512) = 62 table bytes, gap byte, 31 finaliser bytes
    assertThat(gc.blocks).isEqualTo(248);
    assertThat(ram.word(layout.stateCtx + 384)).isEqualTo(layout.heapStart);
    assertThat(ram.word(layout.stateCtx + 388)).isEqualTo(62);
    assertThat(ram.word(layout.stateCtx + 392)).as("finaliser table").isEqualTo(layout.heapStart + 63);
    assertThat(ram.word(layout.stateCtx + 396)).as("pool start").isEqualTo(gc.poolStart);
    assertThat(ram.word(layout.stateCtx + 400)).as("pool end").isEqualTo(layout.heapEnd);
  }

  @Test
  void firstFitHeadsTailsAndFreeTiming() {
    long a = alloc(16);
    long b = alloc(40);
    long c = alloc(8);
    assertThat(states(0, 6)).isEqualTo("hhtth.");
    assertThat(a).isEqualTo(gc.poolStart);
    assertThat(c).isEqualTo(gc.poolStart + 4 * 16);
    gc.free(b, List.of());
    assertThat(atHook.get(3)).startsWith("hhtth").as("a freed allocation still looks allocated at its event");
    assertThat(states(0, 6)).isEqualTo("h...h.");
    alloc(48); // three blocks fit in the hole exactly
    assertThat(states(0, 6)).isEqualTo("hhtth.");
    alloc(20); // two blocks: first fit after c
    assertThat(states(0, 8)).isEqualTo("hhtthht.");
    assertThat(events).containsExactly("alloc 0 1", "alloc 1 3", "alloc 4 1", "free 1 0", "alloc 1 3", "alloc 5 2");
  }

  @Test
  void newMemoryIsZeroAtTheAllocEvent() {
    long a = alloc(32);
    ram.putWord(a, 0xdeadbeefL);
    ram.putWord(a + 20, 0x12345678L);
    gc.free(a, List.of());
    List<Long> seen = new ArrayList<>();
    gc.listen((action, block, blocks, frames) -> seen.add(ram.word(gc.blockAddress(block)) | ram.word(gc.blockAddress(block) + 20)));
    alloc(32);
    assertThat(seen).containsExactly(0L);
  }

  @Test
  void reallocGrowsInPlaceShrinksInPlaceOrMoves() {
    long a = alloc(16);
    long c = gc.realloc(a, 40, true, List.of()); // blocks 1, 2 free: grow in place
    assertThat(c).isEqualTo(a);
    assertThat(states(0, 4)).isEqualTo("htt.");
    c = gc.realloc(a, 20, true, List.of());
    assertThat(states(0, 4)).isEqualTo("ht..");
    long blocker = alloc(16);
    assertThat(gc.blockOf(blocker)).isEqualTo(2);
    ram.putWord(a + 4, 0x1234);
    long moved = gc.realloc(a, 64, true, List.of()); // 4 blocks: cannot grow past the blocker
    assertThat(gc.blockOf(moved)).isEqualTo(3);
    assertThat(ram.word(moved + 4)).as("contents copied").isEqualTo(0x1234);
    assertThat(states(0, 8)).isEqualTo("..hhttt.");
    assertThat(gc.realloc(blocker, 48, false, List.of())).as("no move allowed and no room").isZero();
    assertThat(events).containsExactly("alloc 0 1", "realloc 0 3", "realloc 0 2", "alloc 2 1", "alloc 3 4", "free 0 0");
  }

  @Test
  void collectionMarksFromRootsAndSweepsInBlockOrderWithOrphanTails() {
    long a = alloc(16); // block 0, garbage
    long b = alloc(48); // blocks 1-3, kept by the stack
    long c = alloc(40); // blocks 4-6, garbage
    long d = alloc(16); // block 7, kept through b
    ram.putWord(b + 8, d);
    stack.push(b);
    ram.putWord(a, c); // garbage pointing at garbage keeps nothing
    events.clear();
    atHook.clear();
    gc.collect(List.of());
    assertThat(events).containsExactly("sweep 0 0", "sweep 4 0");
    // at the first sweep: block 0 freed; b and d still marked; c not reached yet
    assertThat(atHook.get(0)).isEqualTo(".mtthttm");
    // at the second: b passed (head again), c's head freed with its tails still there, d still marked
    assertThat(atHook.get(1)).isEqualTo(".htt.ttm");
    assertThat(states(0, 8)).isEqualTo(".htt...h");
  }
}
