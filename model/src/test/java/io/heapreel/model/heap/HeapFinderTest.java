package io.heapreel.model.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapreel.model.error.CaptureException;
import io.heapreel.model.capture.RamSpan;
import io.heapreel.model.capture.Symbol;
import io.heapreel.model.capture.SymbolTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeapFinderTest {
  private static final long RAM = 0x20000000L;
  private static final RamSpan SPAN = new RamSpan(RAM, RAM + 0x4000);

  private static HeapLocation find(TestRam ram, SymbolTable symbols, HeapSearch search) {
    return new HeapFinder(symbols, SPAN, search).find(ram.snapshot());
  }

  private static SymbolTable symbols(Symbol... s) {
    return new SymbolTable("test.map", List.of(s));
  }

  @Test
  void findsTheHeapThroughTheAreaDescriptorAloneWithNoSymbols() {
    HeapArea heap = HeapGeometry.area(RAM + 0x1003, RAM + 0x3000, 4, true, HeapGeometry.Formula.MICROPYTHON);
    TestRam ram = new TestRam(RAM, 0x4000).descriptor(RAM + 0x184, heap).states(heap, "h=h");
    HeapLocation found = find(ram, SymbolTable.empty(), HeapSearch.defaults(4));
    assertThat(found.method()).isEqualTo(HeapLocation.Method.AREA_DESCRIPTOR);
    assertThat(found.areas()).containsExactly(heap);
    assertThat(found.detail()).contains("0x20000184");
  }

  @Test
  void findsADescriptorWithoutAFinaliserTable() {
    HeapArea heap = HeapGeometry.area(RAM + 0x1000, RAM + 0x3000, 4, false, HeapGeometry.Formula.MICROPYTHON);
    assertThat(heap.hasFinaliser()).isFalse();
    TestRam ram = new TestRam(RAM, 0x4000).descriptor(RAM + 0x40, heap);
    assertThat(find(ram, SymbolTable.empty(), HeapSearch.defaults(4)).areas()).containsExactly(heap);
  }

  @Test
  void findsSixtyFourBitDescriptors() {
    HeapArea heap = HeapGeometry.area(RAM + 0x1000, RAM + 0x4000, 8, true, HeapGeometry.Formula.MICROPYTHON);
    TestRam ram = new TestRam(RAM, 0x4000).descriptor(RAM + 0x88, heap);
    HeapLocation found = find(ram, SymbolTable.empty(), HeapSearch.defaults(8));
    assertThat(found.areas()).containsExactly(heap);
    assertThat(found.bytesPerBlock()).isEqualTo(32);
  }

  /**
   * gc_setup_area's tables for MICROPY_BYTES_PER_GC_BLOCK {@code bytesPerBlock}, the finaliser table
   * and the weakref table (MICROPY_PY_WEAKREF) each there or not, worked out here as gc.c does.
   */
  private static HeapArea configured(long start, long end, int ws, int bytesPerBlock, boolean finaliser, boolean weakref) {
    end &= -bytesPerBlock;
    int bitTables = (finaliser ? 1 : 0) + (weakref ? 1 : 0);
    long atb = (end - start - 1) * 8 / (8 + 4 * bitTables + 8 * 4 * bytesPerBlock);
    long next = start + atb + 1;
    long ftb = finaliser ? next : 0;
    long wtb = weakref ? next + (finaliser ? (atb * 4 + 7) / 8 : 0) : 0;
    return new HeapArea(start, (int) atb, ftb, end - atb * 4 * bytesPerBlock, end, ws, bytesPerBlock, wtb);
  }

  @Test
  void findsDescriptorsOfOtherBlockSizes() {
    for (int[] c : new int[][] {{4, 32}, {4, 8}, {8, 64}, {8, 16}, {4, 64}}) {
      HeapArea heap = configured(RAM + 0x1003, RAM + 0x3ff0, c[0], c[1], true, false);
      TestRam ram = new TestRam(RAM, 0x4000).descriptor(RAM + 0x88, heap);
      HeapLocation found = find(ram, SymbolTable.empty(), HeapSearch.defaults(c[0]));
      assertThat(found.areas()).as("%d-byte words, %d-byte blocks", c[0], c[1]).containsExactly(heap);
      assertThat(found.bytesPerBlock()).isEqualTo(c[1]);
    }
  }

  @Test
  void findsTheWeakrefTableBesideTheFinaliserTable() {
    HeapArea heap = configured(RAM + 0x1000, RAM + 0x3000, 4, 16, true, true);
    TestRam ram = new TestRam(RAM, 0x4000).descriptor(RAM + 0x40, heap);
    HeapLocation found = find(ram, SymbolTable.empty(), HeapSearch.defaults(4));
    assertThat(found.areas()).containsExactly(heap);
    assertThat(found.areas().get(0).toString()).contains("weakref table 0x" + Long.toHexString(heap.wtbStart()));
  }

  @Test
  void findsEveryAreaOfASplitHeap() {
    HeapArea low = HeapGeometry.area(RAM + 0x1000, RAM + 0x2000, 4, true, HeapGeometry.Formula.MICROPYTHON);
    HeapArea high = HeapGeometry.area(RAM + 0x2800, RAM + 0x3c00, 4, true, HeapGeometry.Formula.MICROPYTHON);
    // the second descriptor lives at the start of its own region, as gc_add puts it
    TestRam ram = new TestRam(RAM, 0x4000).descriptor(RAM + 0x200, low).descriptor(RAM + 0x27e0, high);
    assertThat(find(ram, SymbolTable.empty(), HeapSearch.defaults(4)).areas()).containsExactly(low, high);
  }

  @Test
  void explicitAreasAreLaidOutAsTheDescriptorSays() {
    HeapArea heap = configured(RAM + 0x1000, RAM + 0x3000, 4, 32, true, true);
    TestRam ram = new TestRam(RAM, 0x4000).descriptor(RAM + 0x40, heap);
    HeapSearch search = HeapSearch.defaults(4).withAreas(List.of(new AddressRange(RAM + 0x1000, RAM + 0x3000)));
    HeapLocation found = find(ram, SymbolTable.empty(), search);
    assertThat(found.method()).isEqualTo(HeapLocation.Method.EXPLICIT);
    assertThat(found.areas()).containsExactly(heap);
    assertThat(found.detail()).contains("descriptor at 0x20000040");
  }

  @Test
  void anExplicitAreaTheDescriptorDoesNotDescribeIsRefused() {
    HeapArea heap = HeapGeometry.area(RAM + 0x1000, RAM + 0x3000, 4, true, HeapGeometry.Formula.MICROPYTHON);
    TestRam ram = new TestRam(RAM, 0x4000).descriptor(RAM + 0x40, heap);
    HeapSearch search = HeapSearch.defaults(4).withAreas(List.of(new AddressRange(RAM + 0x2000, RAM + 0x3000)));
    assertThatThrownBy(() -> find(ram, SymbolTable.empty(), search))
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("--heap-area 0x20002000,0x20003000 is not an area the collector set up")
        .hasMessageContaining("pool 0x200010c0..0x20003000");
  }

  /** Objects at these blocks ('h' heads, '=' tails, '.' free), and a word at {@code from} on pointing at each head. */
  private static TestRam objects(TestRam ram, HeapArea area, String picture, long from) {
    ram.states(area, picture);
    long at = from;
    for (int b = 0; b < picture.length(); b++) {
      if (picture.charAt(b) == 'h') {
        ram.word(at, area.blockAddress(b), area.wordSize());
        at += area.wordSize();
      }
    }
    return ram;
  }

  private static final String OBJECTS = "hh=h..h===hhh.h=h==h.hh=.h==h.hhh=h.h..hh=h=h=";

  @Test
  void fallsBackToTheHeapSymbolAndTheFormula() {
    // (0x2000 - 1) * 8 / 524 = 125 table bytes, 500 blocks, gap byte, pool at the end
    HeapArea heap = new HeapArea(RAM + 0x320, 125, RAM + 0x320 + 126, RAM + 0x2320 - 500 * 16, RAM + 0x2320, 4);
    TestRam ram = objects(new TestRam(RAM, 0x4000), heap, OBJECTS, RAM + 0x100);
    HeapLocation found = find(ram, symbols(new Symbol("heap", RAM + 0x320, 0x2000, ".bss.heap")), HeapSearch.defaults(4));
    assertThat(found.method()).isEqualTo(HeapLocation.Method.HEAP_SYMBOL);
    assertThat(found.areas()).containsExactly(heap);
    assertThat(found.detail()).contains("16-byte blocks with a finaliser table");
  }

  @Test
  void theHeapSymbolsBlockSizeAndTablesFollowFromThePointers() {
    HeapArea heap = configured(RAM + 0x320, RAM + 0x2320, 4, 32, true, true);
    TestRam ram = objects(new TestRam(RAM, 0x4000), heap, OBJECTS, RAM + 0x100);
    HeapLocation found = find(ram, symbols(new Symbol("heap", RAM + 0x320, 0x2000, ".bss.heap")), HeapSearch.defaults(4));
    HeapArea laid = found.areas().get(0);
    assertThat(List.of(laid.bytesPerBlock(), laid.atbBytes(), laid.ftbStart(), laid.poolStart()))
        .containsExactly(32, heap.atbBytes(), heap.ftbStart(), heap.poolStart());
    // here the weakref table fits in what the rounding leaves before the pool: nothing tells it apart
    assertThat(found.detail()).contains("whether there is one is not known");
  }

  @Test
  void aHeapNothingPointsIntoCannotBeLaidOutWithoutTheBlockSize() {
    SymbolTable heapSymbol = symbols(new Symbol("heap", RAM + 0x320, 0x2000, ".bss.heap"));
    assertThatThrownBy(() -> find(new TestRam(RAM, 0x4000), heapSymbol, HeapSearch.defaults(4)))
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("cannot tell the collector's layout")
        .hasMessageContaining("--block-size");
    HeapLocation given = find(new TestRam(RAM, 0x4000), heapSymbol, HeapSearch.defaults(4).withBytesPerBlock(16));
    assertThat(given.areas()).containsExactly(HeapGeometry.area(RAM + 0x320, RAM + 0x2320, 4, true, HeapGeometry.Formula.MICROPYTHON));
  }

  @Test
  void aSnapshotThatDoesNotSettleTheLayoutGivesWayToTheNext() {
    HeapArea heap = configured(RAM + 0x320, RAM + 0x2320, 4, 32, true, false);
    TestRam empty = new TestRam(RAM, 0x4000);
    TestRam full = objects(new TestRam(RAM, 0x4000), heap, OBJECTS, RAM + 0x100);
    HeapFinder finder = new HeapFinder(symbols(new Symbol("heap", RAM + 0x320, 0x2000, ".bss.heap")), SPAN, HeapSearch.defaults(4));
    assertThat(finder.find(empty.snapshot(), List.of(empty.snapshot(), full.snapshot())).areas()).containsExactly(heap);
    assertThatThrownBy(() -> finder.find(empty.snapshot(), List.of(empty.snapshot(), empty.snapshot())))
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("cannot tell");
  }

  @Test
  void aBlockSizeThePointersContradictIsRefused() {
    HeapArea heap = configured(RAM + 0x320, RAM + 0x2320, 4, 32, true, false);
    TestRam ram = objects(new TestRam(RAM, 0x4000), heap, OBJECTS, RAM + 0x100);
    SymbolTable heapSymbol = symbols(new Symbol("heap", RAM + 0x320, 0x2000, ".bss.heap"));
    assertThatThrownBy(() -> find(ram, heapSymbol, HeapSearch.defaults(4).withBytesPerBlock(16)))
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("does not fit the snapshot's pointers")
        .hasMessageContaining("32-byte blocks");
  }

  @Test
  void fallsBackToCircuitPythonSupervisorAllocations() {
    long table = RAM + 0x100;
    HeapArea heap = HeapGeometry.area(RAM + 0x900, RAM + 0x2900, 4, true, HeapGeometry.Formula.MICROPYTHON);
    TestRam ram = objects(new TestRam(RAM, 0x4000), heap, OBJECTS, RAM + 0x200);
    // leading run: a 0x100-byte allocation then the heap; after a gap, the next entry starts at the heap's end
    ram.word(table, RAM + 0x800, 4).word(table + 4, 0x100, 4);
    ram.word(table + 8, RAM + 0x900, 4).word(table + 12, 0x2000, 4);
    ram.word(table + 24, RAM + 0x2900, 4).word(table + 28, 0x40, 4);
    HeapLocation found = find(ram, symbols(new Symbol("allocations", table, 64, ".bss.allocations")), HeapSearch.defaults(4));
    assertThat(found.method()).isEqualTo(HeapLocation.Method.SUPERVISOR_ALLOCATIONS);
    assertThat(found.areas()).containsExactly(heap);
  }

  @Test
  void noHeapIsAClearError() {
    assertThatThrownBy(() -> find(new TestRam(RAM, 0x4000), SymbolTable.empty(), HeapSearch.defaults(4)))
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("no heap found")
        .hasMessageContaining("--heap-area");
  }

  @Test
  void anAreaOutsideTheDumpedRamIsRefused() {
    HeapSearch search = HeapSearch.defaults(4).withAreas(List.of(new AddressRange(RAM + 0x3000, RAM + 0x5000)));
    assertThatThrownBy(() -> find(new TestRam(RAM, 0x4000), SymbolTable.empty(), search))
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("outside the RAM span");
  }
}
