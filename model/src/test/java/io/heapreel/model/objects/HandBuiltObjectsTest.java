package io.heapreel.model.objects;

import static io.heapreel.model.objects.HandBuiltHeap.DICT;
import static io.heapreel.model.objects.HandBuiltHeap.FLOAT;
import static io.heapreel.model.objects.HandBuiltHeap.LIST;
import static io.heapreel.model.objects.HandBuiltHeap.STATE;
import static io.heapreel.model.objects.HandBuiltHeap.STR;
import static io.heapreel.model.objects.HandBuiltHeap.TYPE;
import static io.heapreel.model.objects.HandBuiltHeap.qstr;
import static io.heapreel.model.objects.HandBuiltHeap.smallInt;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.capture.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every typing, naming and reference rule on a heap whose every word is written by the test. */
class HandBuiltObjectsTest {
  private static final Layout V12X = LayoutFile.builtIn("micropython-v1.2x");
  private static final int ROM_QSTRS = 100;
  private static final int ALPHA = 100;
  private static final int BETA = 101;
  private static final int GADGET = 102;

  private HandBuiltHeap h;
  private long pool, chunk, mainTable, dict, dictTable, str, strData, list, items, cls, instance, instTable, garbage, badStr;
  private long cycleA, itemsA, cycleB, itemsB;

  @BeforeEach
  void build() {
    h = new HandBuiltHeap();
    pool = h.alloc(3);
    chunk = h.alloc(2);
    mainTable = h.alloc(2);
    dict = h.alloc(1);
    dictTable = h.alloc(1);
    str = h.alloc(1);
    strData = h.alloc(1);
    list = h.alloc(1);
    items = h.alloc(1);
    cls = h.alloc(2);
    instance = h.alloc(1);
    instTable = h.alloc(1);
    garbage = h.alloc(1);
    badStr = h.alloc(1);
    cycleA = h.alloc(1);
    itemsA = h.alloc(1);
    cycleB = h.alloc(1);
    itemsB = h.alloc(1);
    // qstr pool: prev (in ROM, not readable), total_prev_len, alloc, len, hashes, lengths, qstrs[3]
    h.words(pool, 0x3000, ROM_QSTRS, 3, 3, pool + 36, pool + 39, chunk, chunk + 6, chunk + 11);
    h.u8(pool + 39, 5).u8(pool + 40, 4).u8(pool + 41, 6);
    h.text(chunk, "alpha\0beta\0Gadget\0");
    h.words(mainTable, qstr(ALPHA), dict, qstr(BETA), list, qstr(GADGET), cls, ObjectRepr.SENTINEL, 0);
    h.words(dict, DICT, (1 << 3) | 1, 2, dictTable);
    h.words(dictTable, qstr(ALPHA), str);
    h.words(str, STR, 0x1234, 5, strData);
    h.text(strData, "hello\0");
    h.words(list, LIST, 4, 2, items);
    // a list holding the float type itself: its item array starts with a type pointer
    h.words(items, FLOAT, instance);
    h.words(cls, TYPE);
    h.u16(cls + 6, GADGET);
    h.words(instance, cls, (1 << 3) | 1, 2, instTable);
    h.words(instTable, qstr(BETA), smallInt(7));
    h.words(garbage, 0xdeadbeefL, 0x20000801L);
    h.words(badStr, STR, 0, 10, 0x30000000L);
    h.words(cycleA, LIST, 1, 1, itemsA);
    h.words(itemsA, cycleB);
    h.words(cycleB, LIST, 1, 1, itemsB);
    h.words(itemsB, cycleA);
    // roots: the pool chain, dict_main's table, a stack word, an unnamed RAM word; an interior
    // pointer on the stack that the collector would not follow
    h.word(STATE + 36, pool);
    h.words(STATE + 96, (3 << 3) | 1, 4, mainTable);
    h.word(0x20001f00L, instance);
    h.word(0x20001f04L, instance + 4);
    h.word(0x20000300L, garbage);
  }

  private ObjectSnapshot inspect() {
    Snapshot s = h.snapshot();
    return HandBuiltHeap.inspector(ObjectInspector.detect(HandBuiltHeap.symbols(), io.heapreel.model.heap.BuiltinTypes.from(HandBuiltHeap.symbols()), s, 4)).inspect(s);
  }

  private static Map<Long, HeapObject> byAddress(ObjectSnapshot s) {
    return s.objects().stream().collect(Collectors.toMap(HeapObject::address, Function.identity()));
  }

  @Test
  void typesAndRolesFollowTypeWordsAndOwners() {
    ObjectSnapshot s = inspect();
    assertThat(s.layout()).isEqualTo("micropython-v1.2x");
    Map<Long, HeapObject> o = byAddress(s);
    Map<Long, String> expected = Map.ofEntries(
        Map.entry(pool, "raw/qstr_pool"), Map.entry(chunk, "raw/qstr_chunk"), Map.entry(mainTable, "raw/map_table"),
        Map.entry(dict, "dict/object"), Map.entry(dictTable, "raw/map_table"), Map.entry(str, "str/object"),
        Map.entry(strData, "raw/str_data"), Map.entry(list, "list/object"), Map.entry(items, "raw/list_items"),
        Map.entry(cls, "type/object"), Map.entry(instance, "Gadget/object"), Map.entry(instTable, "raw/map_table"),
        Map.entry(garbage, "raw/unknown"), Map.entry(badStr, "str/object"), Map.entry(cycleA, "list/object"),
        Map.entry(itemsA, "raw/list_items"), Map.entry(cycleB, "list/object"), Map.entry(itemsB, "raw/list_items"));
    assertThat(o).hasSize(expected.size());
    expected.forEach((address, typeRole) ->
        assertThat(o.get(address).type() + "/" + o.get(address).role().label()).as(String.format("0x%08x", address)).isEqualTo(typeRole));
  }

  @Test
  void namesPreviewsAndKeys() {
    Map<Long, HeapObject> o = byAddress(inspect());
    assertThat(o.get(cls).name()).isEqualTo("Gadget");
    assertThat(o.get(instance).name()).isEqualTo("Gadget");
    assertThat(o.get(instance).keys()).containsExactly("beta");
    assertThat(o.get(dict).keys()).containsExactly("alpha");
    assertThat(o.get(mainTable).keys()).containsExactly("alpha", "beta", "Gadget");
    assertThat(o.get(str).preview()).isEqualTo("hello");
    assertThat(o.get(list).preview()).isEqualTo("2 items");
    assertThat(o.get(list).keys()).isNull();
    assertThat(o.get(strData).preview()).isEqualTo("hello");
    // raw blocks name what gave them their role; objects have no owner
    assertThat(o.get(items).owner()).isEqualTo(list);
    assertThat(o.get(strData).owner()).isEqualTo(str);
    assertThat(o.get(chunk).owner()).isEqualTo(pool);
    assertThat(o.get(mainTable).owner()).isZero();
    assertThat(o.get(garbage).owner()).isEqualTo(-1);
    assertThat(o.get(dict).owner()).isEqualTo(-1);
  }

  @Test
  void referencesAreExactlyTheCollectorsPointers() {
    ObjectSnapshot s = inspect();
    List<String> refs = new ArrayList<>();
    for (HeapObject o : s.objects()) {
      for (HeapObject.Reference r : o.refs()) {
        refs.add(String.format("%x+%d->%x", o.address(), r.offset(), r.target()));
      }
    }
    // chunk + 6 and chunk + 11 are interior pointers, instance + 4 too: not references
    assertThat(refs).containsExactlyInAnyOrder(
        String.format("%x+%d->%x", pool, 24, chunk),
        String.format("%x+%d->%x", mainTable, 4, dict),
        String.format("%x+%d->%x", mainTable, 12, list),
        String.format("%x+%d->%x", mainTable, 20, cls),
        String.format("%x+%d->%x", dict, 12, dictTable),
        String.format("%x+%d->%x", dictTable, 4, str),
        String.format("%x+%d->%x", str, 12, strData),
        String.format("%x+%d->%x", list, 12, items),
        String.format("%x+%d->%x", items, 4, instance),
        String.format("%x+%d->%x", instance, 0, cls),
        String.format("%x+%d->%x", instance, 12, instTable),
        String.format("%x+%d->%x", cycleA, 12, itemsA),
        String.format("%x+%d->%x", itemsA, 0, cycleB),
        String.format("%x+%d->%x", cycleB, 12, itemsB),
        String.format("%x+%d->%x", itemsB, 0, cycleA));
  }

  @Test
  void rootsAreNamedAndReachabilityFollowsThem() {
    ObjectSnapshot s = inspect();
    assertThat(s.roots()).extracting(r -> r.name() + "->" + Long.toHexString(r.targetAddress())).containsExactlyInAnyOrder(
        "mp_state_ctx+36->" + Long.toHexString(pool),
        "mp_state_ctx+104->" + Long.toHexString(mainTable),
        "stack+1792->" + Long.toHexString(instance),
        "ram+768->" + Long.toHexString(garbage));
    List<Long> unreachable = s.objects().stream().filter(o -> !o.reachable()).map(HeapObject::address).toList();
    assertThat(unreachable).containsExactlyInAnyOrder(badStr, cycleA, itemsA, cycleB, itemsB);
  }

  @Test
  void retainedBlocksAndDominatorsAreWhatTheHeapWasBuiltToHold() {
    Map<Long, HeapObject> o = byAddress(inspect());
    // address -> "dominator retained", worked out by hand from the words written above
    Map<Long, String> expected = new java.util.LinkedHashMap<>();
    expected.put(pool, "root 5");            // its chunk too
    expected.put(chunk, hex(pool) + " 2");
    expected.put(mainTable, "root 8");       // dict 4, list 2 and itself; not the class (the instance holds it too)
    expected.put(dict, hex(mainTable) + " 4");
    expected.put(dictTable, hex(dict) + " 3");
    expected.put(str, hex(dictTable) + " 2");
    expected.put(strData, hex(str) + " 1");
    expected.put(list, hex(mainTable) + " 2");
    expected.put(items, hex(list) + " 1");  // the instance it points at is also on the stack
    expected.put(cls, "root 2");
    expected.put(instance, "root 2");
    expected.put(instTable, hex(instance) + " 1");
    expected.put(garbage, "root 1");
    expected.put(badStr, "unreachable 1");
    expected.put(cycleA, "unreachable 4");   // the lowest of its cycle enters the garbage
    expected.put(itemsA, hex(cycleA) + " 3");
    expected.put(cycleB, hex(itemsA) + " 2");
    expected.put(itemsB, hex(cycleB) + " 1");
    Map<Long, String> actual = new java.util.LinkedHashMap<>();
    for (long a : expected.keySet()) {
      HeapObject x = o.get(a);
      String d = x.dominator() == HeapObject.BY_ROOTS ? "root" : x.dominator() == HeapObject.GARBAGE ? "unreachable" : hex(x.dominator());
      actual.put(a, d + " " + x.retainedBlocks());
    }
    assertThat(actual).isEqualTo(expected);
  }

  private static String hex(long address) {
    return Long.toHexString(address);
  }

  @Test
  void badPointersAreFlaggedAndCounted() {
    ObjectSnapshot s = inspect();
    HeapObject bad = byAddress(s).get(badStr);
    assertThat(bad.flagged()).isTrue();
    assertThat(bad.preview()).contains("0x30000000").contains("outside the capture");
    assertThat(s.flagged()).isEqualTo(1);
  }

  @Test
  void aQstrPoolChainWithACycleEndsAndIsReported() {
    h.word(pool, pool);
    ObjectSnapshot s = inspect();
    assertThat(s.qstrChainCorrupt()).isTrue();
    assertThat(byAddress(s).get(cls).name()).isEqualTo("Gadget");
  }

  @Test
  void aQstrWithoutLengthsIsReadUpToItsTerminator() {
    h.word(pool + 20, 0x30000000L);
    assertThat(byAddress(inspect()).get(cls).name()).isEqualTo("Gadget");
  }

  @Test
  void aQstrWithoutItsTerminatorIsFlaggedNotRead() {
    // no lengths, and the last string runs into the end of RAM with no NUL
    h.word(pool + 20, 0x30000000L);
    h.word(pool + 32, HandBuiltHeap.RAM_END - 3).text(HandBuiltHeap.RAM_END - 3, "abc");
    ObjectSnapshot s = inspect();
    assertThat(byAddress(s).get(cls).name()).isEqualTo("qstr#" + GADGET);
    HeapObject table = byAddress(s).get(mainTable);
    assertThat(table.keys()).containsExactly("alpha", "beta", String.format("<0x%08x>", qstr(GADGET)));
    assertThat(table.flagged()).isTrue();
    assertThat(s.flagged()).isEqualTo(2);
  }

  @Test
  void aPoolWithAnImpossibleLengthEndsTheChain() {
    h.word(pool + 12, 0x7fffffffL);
    ObjectSnapshot s = inspect();
    assertThat(s.qstrChainCorrupt()).isTrue();
    assertThat(byAddress(s).get(cls).name()).isEqualTo("qstr#" + GADGET);
  }

  @Test
  void aStringPastTheEndOfRamIsFlagged() {
    h.words(strData - 16 + 16, 0);
    h.words(str, STR, 0, 64, HandBuiltHeap.RAM_END - 8);
    HeapObject o = byAddress(inspect()).get(str);
    assertThat(o.flagged()).isTrue();
    assertThat(o.type()).isEqualTo("str");
  }
}
