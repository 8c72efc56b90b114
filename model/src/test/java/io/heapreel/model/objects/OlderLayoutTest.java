package io.heapreel.model.objects;

import static io.heapreel.model.objects.HandBuiltHeap.DICT;
import static io.heapreel.model.objects.HandBuiltHeap.STATE;
import static io.heapreel.model.objects.HandBuiltHeap.TYPE;
import static io.heapreel.model.objects.HandBuiltHeap.qstr;
import static io.heapreel.model.objects.HandBuiltHeap.smallInt;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.capture.Snapshot;
import io.heapreel.model.heap.BuiltinTypes;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A heap in the older CircuitPython layout the seed analyzer read: dict_main at mp_state_ctx+96 with
 * its table at +108, last_pool at +20, qstr pools with qstrs[] at +16 pointing at strings that
 * carry a hash byte and a length byte in front, the class name at +4 of a type.
 */
class OlderLayoutTest {
  @Test
  void detectedAndDecoded() {
    HandBuiltHeap h = new HandBuiltHeap();
    h.word(STATE + 76, 0).word(STATE + 92, 0);
    long pool = h.alloc(2);
    long chunk = h.alloc(2);
    long cls = h.alloc(2);
    long instance = h.alloc(1);
    long instTable = h.alloc(1);
    long mainTable = h.alloc(1);
    h.words(pool, 0x3000, 100, 2, 2, chunk, chunk + 8);
    h.u8(chunk, 0x55).u8(chunk + 1, 5).text(chunk + 2, "alpha\0");
    h.u8(chunk + 8, 0x66).u8(chunk + 9, 6).text(chunk + 10, "Gadget\0");
    h.words(cls, TYPE);
    h.u16(cls + 4, 101);
    h.words(instance, cls, (1 << 3) | 1, 2, instTable);
    h.words(instTable, qstr(100), smallInt(1));
    h.words(mainTable, qstr(101), cls);
    h.word(STATE + 20, pool).word(STATE + 72, DICT).word(STATE + 96, DICT).words(STATE + 100, (1 << 3) | 1, 2, mainTable);

    Snapshot s = h.snapshot();
    Layout layout = ObjectInspector.detect(HandBuiltHeap.symbols(), BuiltinTypes.from(HandBuiltHeap.symbols()), s, 4);
    assertThat(layout.family()).isEqualTo("circuitpython-old");
    Map<Long, HeapObject> o = HandBuiltHeap.inspector(layout).inspect(s).objects().stream()
        .collect(Collectors.toMap(HeapObject::address, Function.identity()));
    assertThat(o.get(pool).role().label()).isEqualTo("qstr_pool");
    assertThat(o.get(chunk).role().label()).isEqualTo("qstr_chunk");
    assertThat(o.get(cls).type()).isEqualTo("type");
    assertThat(o.get(cls).name()).isEqualTo("Gadget");
    assertThat(o.get(instance).type()).isEqualTo("Gadget");
    assertThat(o.get(instance).keys()).containsExactly("alpha");
    assertThat(o.get(instTable).role().label()).isEqualTo("map_table");
    assertThat(o.get(mainTable).role().label()).isEqualTo("map_table");
    assertThat(o.get(mainTable).keys()).containsExactly("Gadget");
  }
}
