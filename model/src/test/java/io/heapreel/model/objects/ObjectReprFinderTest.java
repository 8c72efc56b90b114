package io.heapreel.model.objects;

import static io.heapreel.model.objects.HandBuiltHeap.STATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapreel.model.capture.Symbol;
import io.heapreel.model.capture.SymbolTable;
import io.heapreel.model.error.CaptureException;
import io.heapreel.model.heap.BuiltinTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;

/**
 * The representation found from dict_main's keys: a hand-built heap whose globals table holds the
 * same three qstrs (and a small int) in each representation's words.
 */
class ObjectReprFinderTest {
  private static final long TABLE = 0x20000800L;

  /** dict_main (map at mp_state_ctx+96) with 4 slots: three qstr keys and a small int key. */
  private static HandBuiltHeap globals(IntToLongFunction qstr, long smallIntKey) {
    HandBuiltHeap h = new HandBuiltHeap();
    long table = h.alloc(2);
    assertThat(table).isEqualTo(TABLE);
    h.words(STATE + 96, (4 << 3) | 1, 4, table);
    h.words(table, qstr.applyAsLong(100), 0, qstr.applyAsLong(101), 0, qstr.applyAsLong(23), 0, smallIntKey, 0);
    return h;
  }

  private static Layout detect(HandBuiltHeap h, SymbolTable symbols) {
    return ObjectInspector.detect(symbols, BuiltinTypes.from(symbols), h.snapshot(), 4);
  }

  private static SymbolTable withCOrDFunction() {
    List<Symbol> s = new ArrayList<>(HandBuiltHeap.symbols().all());
    s.add(new Symbol(ObjectReprFinder.C_OR_D_SYMBOL, 0x2000, 28, ".text"));
    return new SymbolTable("hand-built.map", s);
  }

  @Test
  void eachRepresentationIsFoundFromTheKeysOfTheGlobals() {
    assertThat(detect(globals(q -> ((long) q << 3) | 2, (7 << 1) | 1), HandBuiltHeap.symbols()).repr()).isEqualTo(ObjectRepr.A);
    assertThat(detect(globals(q -> ((long) q << 3) | 3, (7 << 2) | 1), HandBuiltHeap.symbols()).repr()).isEqualTo(ObjectRepr.B);
    Layout c = detect(globals(q -> ((long) q << 4) | 6, (7 << 1) | 1), withCOrDFunction());
    assertThat(c.repr()).isEqualTo(ObjectRepr.C);
    assertThat(c.reprFrom()).contains("dict_main").contains("3 of 4");
  }

  @Test
  void representationBsKeysAreNamesAndSmallIntsNotAllSmallInts() {
    HandBuiltHeap h = globals(q -> ((long) q << 3) | 3, 0xfffffff5L);
    // a qstr pool with qstrs 100 and 101 (alpha, beta) the keys name
    long pool = h.alloc(3);
    long chunk = h.alloc(1);
    h.words(pool, 0x3000, 100, 2, 2, pool + 32, pool + 34, chunk, chunk + 6);
    h.u8(pool + 34, 5).u8(pool + 35, 4);
    h.text(chunk, "alpha\0beta\0");
    h.word(STATE + 36, pool);
    Layout layout = detect(h, HandBuiltHeap.symbols());
    ObjectSnapshot s = HandBuiltHeap.inspector(layout).inspect(h.snapshot());
    HeapObject table = s.objects().stream().filter(o -> o.address() == TABLE).findFirst().orElseThrow();
    assertThat(table.keys()).containsExactly("alpha", "beta", "qstr#23", "-3");
  }

  @Test
  void representationDIsRefusedByName() {
    // 64-bit mp_obj_t on a 32-bit machine: 16-byte slots, a qstr is (q << 1) | 0x0002000000000001
    HandBuiltHeap h = new HandBuiltHeap();
    long table = h.alloc(4);
    h.words(STATE + 96, (3 << 3) | 1, 4, table);
    h.words(table, (100 << 1) | 1, 0x00020000, 0, 0, (101 << 1) | 1, 0x00020000, 0, 0, (23 << 1) | 1, 0x00020000, 0, 0);
    assertThatThrownBy(() -> detect(h, withCOrDFunction()))
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("MICROPY_OBJ_REPR_D")
        .hasMessageContaining("does not decode");
  }

  @Test
  void keysOfOneRepresentationWithTheSymbolOfAnotherAreRefused() {
    assertThatThrownBy(() -> detect(globals(q -> ((long) q << 3) | 2, 1), withCOrDFunction()))
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("contradictory")
        .hasMessageContaining("MICROPY_OBJ_REPR_A")
        .hasMessageContaining(ObjectReprFinder.C_OR_D_SYMBOL);
  }

  @Test
  void withoutQstrKeysTheSymbolsDecide() {
    HandBuiltHeap empty = new HandBuiltHeap();
    assertThat(detect(empty, HandBuiltHeap.symbols()).repr()).isEqualTo(ObjectRepr.A);
    assertThat(detect(empty, HandBuiltHeap.symbols()).reprFrom()).contains("default");
    assertThat(detect(empty, withCOrDFunction()).repr()).isEqualTo(ObjectRepr.C);
  }
}
