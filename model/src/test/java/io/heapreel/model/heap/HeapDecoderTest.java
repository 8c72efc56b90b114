package io.heapreel.model.heap;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.capture.Snapshot;
import io.heapreel.model.capture.SymbolTable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each block-level rule on a hand-built heap; expected figures are counted from the picture. */
class HeapDecoderTest {
  private static final long RAM = 0x20000000L;

  private static HeapArea area(long start, int bytes) {
    return HeapGeometry.area(start, start + bytes, 4, true, HeapGeometry.Formula.MICROPYTHON);
  }

  private static HeapDecoder decoder(HeapArea... areas) {
    return new HeapDecoder(new HeapLocation(List.of(areas), HeapLocation.Method.EXPLICIT, ""), BuiltinTypes.from(SymbolTable.empty()));
  }

  @Test
  void geometryOfTheRealDevHeapMatchesGdb() {
    // NOTES.md: heap 0x20000320, 28672 bytes -> 437 ATB bytes, gap byte, FTB 0x200004d6, pool 0x200005e0
    HeapArea a = area(0x20000320L, 28672);
    assertThat(a).isEqualTo(new HeapArea(0x20000320L, 437, 0x200004d6L, 0x200005e0L, 0x20007320L, 4));
    assertThat(a.blocks()).isEqualTo(1748);
    assertThat(a.ftbBytes()).isEqualTo(219);
  }

  @Test
  void countsHeadsTailsAndFreeRuns() {
    HeapArea a = area(RAM + 0x100, 2048);
    String picture = "h==h.h..hhh===";
    // (2048 - 1) * 8 / 524 = 31 table bytes: 124 blocks, counted by hand
    assertThat(a.blocks()).isEqualTo(124);
    TestRam ram = new TestRam(RAM, 4096).states(a, picture);
    HeapStats s = decoder(a).stats(ram.snapshot());
    int free = a.blocks() - picture.replace(".", "").length();
    assertThat(s.objects()).isEqualTo(6);
    assertThat(s.allocatedBlocks()).isEqualTo(11);
    assertThat(s.tailBlocks()).isEqualTo(5);
    assertThat(s.orphanTailBlocks()).isZero();
    assertThat(s.freeBlocks()).isEqualTo(free);
    assertThat(s.freeRuns()).isEqualTo(3);
    assertThat(s.largestFreeBlocks()).isEqualTo(a.blocks() - picture.length());
    assertThat(s.totalBlocks()).isEqualTo(a.blocks());
  }

  @Test
  void tailsAfterAFreedHeadAreOrphansAndNotAllocations() {
    // mid-sweep: the head of the second allocation is already free, its two tails not yet
    HeapArea a = area(RAM + 0x100, 2048);
    TestRam ram = new TestRam(RAM, 4096).states(a, "h=.==h=");
    HeapDecoder d = decoder(a);
    HeapStats s = d.stats(ram.snapshot());
    assertThat(s.orphanTailBlocks()).isEqualTo(2);
    assertThat(s.tailBlocks()).isEqualTo(4);
    assertThat(s.allocatedBlocks()).isEqualTo(6);
    assertThat(s.objects()).isEqualTo(2);
    assertThat(d.allocations(ram.snapshot()))
        .extracting(Allocation::block, Allocation::blocks)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 2), org.assertj.core.groups.Tuple.tuple(5, 2));
  }

  @Test
  void markedHeadsAreObjectsAndMarked() {
    HeapArea a = area(RAM + 0x100, 2048);
    TestRam ram = new TestRam(RAM, 4096).states(a, "m=h.m");
    HeapStats s = decoder(a).stats(ram.snapshot());
    assertThat(s.objects()).isEqualTo(3);
    assertThat(s.marked()).isEqualTo(2);
    List<Allocation> allocs = decoder(a).allocations(ram.snapshot());
    assertThat(allocs).extracting(Allocation::marked).containsExactly(true, false, true);
    assertThat(allocs.get(0).blocks()).isEqualTo(2);
  }

  @Test
  void finaliserBitsCountOnHeadsOnly() {
    HeapArea a = area(RAM + 0x100, 2048);
    TestRam ram = new TestRam(RAM, 4096).states(a, "h=h==.h").finaliser(a, 0).finaliser(a, 3).finaliser(a, 6);
    HeapStats s = decoder(a).stats(ram.snapshot());
    assertThat(s.finaliserBlocks()).isEqualTo(2);
    assertThat(decoder(a).allocations(ram.snapshot())).extracting(Allocation::finaliser).containsExactly(true, false, true);
  }

  @Test
  void anAreaAtAnOddAddressDecodes() {
    HeapArea a = area(RAM + 0x103, 1000);
    assertThat(a.atbStart()).isEqualTo(RAM + 0x103);
    assertThat(a.poolEnd() % 16).isZero();
    TestRam ram = new TestRam(RAM, 2048).states(a, "h=..h");
    HeapStats s = decoder(a).stats(ram.snapshot());
    assertThat(s.objects()).isEqualTo(2);
    assertThat(s.freeBlocks()).isEqualTo(a.blocks() - 3);
    assertThat(decoder(a).allocations(ram.snapshot()).get(1).address()).isEqualTo(a.poolStart() + 4 * 16);
  }

  @Test
  void twoAreasAddUpAndFreeRunsStopAtTheirBorder() {
    HeapArea first = area(RAM + 0x100, 1024);
    HeapArea second = area(RAM + 0x800, 1024);
    // first: free run at its end; second: free run at its start; they must not join
    StringBuilder full = new StringBuilder("h=");
    full.append(".".repeat(first.blocks() - 2));
    TestRam ram = new TestRam(RAM, 4096).states(first, full.toString()).states(second, "." + "h".repeat(second.blocks() - 1));
    HeapStats s = decoder(first, second).stats(ram.snapshot());
    assertThat(s.objects()).isEqualTo(1 + second.blocks() - 1);
    assertThat(s.freeRuns()).isEqualTo(2);
    assertThat(s.largestFreeBlocks()).isEqualTo(first.blocks() - 2);
    assertThat(s.totalBlocks()).isEqualTo(first.blocks() + second.blocks());
    assertThat(decoder(first, second).allocations(ram.snapshot()).get(1).area()).isEqualTo(1);
  }

  @Test
  void sixtyFourBitWordsUseThirtyTwoByteBlocks() {
    HeapArea a = HeapGeometry.area(RAM + 0x100, RAM + 0x100 + 4096, 8, true, HeapGeometry.Formula.MICROPYTHON);
    assertThat(a.bytesPerBlock()).isEqualTo(32);
    assertThat(a.poolEnd() - a.poolStart()).isEqualTo(a.atbBytes() * 4L * 32);
    TestRam ram = new TestRam(RAM, 8192).states(a, "h==h");
    ram.word(a.blockAddress(3), 0x1122334455667788L, 8);
    List<Allocation> allocs = decoder(a).allocations(ram.snapshot());
    assertThat(allocs.get(1).address()).isEqualTo(a.poolStart() + 96);
    assertThat(allocs.get(1).typeWord()).isEqualTo(0x1122334455667788L);
  }

  @Test
  void heapMapShowsStatesAndTypeLetters() {
    HeapArea a = area(RAM + 0x100, 2048);
    TestRam ram = new TestRam(RAM, 4096).states(a, "h=m.");
    Snapshot s = ram.snapshot();
    HeapLocation loc = new HeapLocation(List.of(a), HeapLocation.Method.EXPLICIT, "");
    String map = HeapMapText.render(s, loc, decoder(a).allocations(s));
    assertThat(map.lines().findFirst()).hasValue("00000: h=m." + ".".repeat(60));
  }
}
