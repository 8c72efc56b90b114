package io.heapreel.model.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.open.Capture;
import io.heapreel.model.firmware.FirmwareCapture.PrintedFloat;
import io.heapreel.model.firmware.FirmwareCapture.PrintedObject;
import io.heapreel.model.firmware.FirmwareTruth.Area;
import io.heapreel.model.heap.AddressRange;
import io.heapreel.model.heap.GeometryChoice;
import io.heapreel.model.heap.HeapArea;
import io.heapreel.model.heap.HeapGeometry;
import io.heapreel.model.heap.HeapStats;
import io.heapreel.model.lifespan.Lifespan;
import io.heapreel.model.lifespan.LogReplay;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.objects.HeapObject;
import io.heapreel.model.objects.ObjectInspector;
import io.heapreel.model.objects.ObjectSnapshot;
import io.heapreel.model.types.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * heapreel on a capture of real MicroPython v1.28 firmware running {@code firmware/objects.py}
 * in QEMU, checked against ground truth that does not come from heapreel: the program's own
 * prints (ids, types and sizes of its objects, gc.mem_free/mem_alloc), what gdb read from the
 * stopped firmware (the heap areas, the allocation table, the globals) and a decoding of the
 * allocation table written for these tests. One subclass per board and heap build.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FirmwareCaptureChecks {
  /** Python's type(x).__name__ where heapreel's name, from the type's symbol (mp_type_*, deflateio_type), differs. */
  private static final Map<String, String> TYPE_NAMES = Map.of("generator", "gen_instance", "function", "fun_bc", "DeflateIO", "deflateio");

  private FirmwareCapture made;
  private Capture capture;
  private ObjectSnapshot last;

  /** The capture with its ground truth. */
  abstract FirmwareCapture make();

  abstract int wordSize();

  int areas() {
    return 1;
  }

  /** MICROPY_BYTES_PER_GC_BLOCK in words: 4 unless the firmware was built with another. */
  int wordsPerBlock() {
    return 4;
  }

  @BeforeAll
  void capture() {
    made = make();
    capture = Capture.open(made.folder());
  }

  @AfterAll
  void close() {
    if (capture != null) {
      capture.close();
    }
  }

  /** The capture as heapreel opened it. */
  Capture opened() {
    return capture;
  }

  /** What gdb read at the end. */
  FirmwareTruth truth() {
    return made.truth();
  }

  /** The objects of the last dump (inspected once, on first use). */
  ObjectSnapshot last() {
    if (last == null) {
      last = ObjectInspector.of(capture).inspect(capture.snapshots().snapshot(capture.snapshots().count() - 1));
    }
    return last;
  }

  @Test
  void theCaptureHasADumpPerLogRecordAndEndsWhereTheProgramEnded() throws IOException {
    String log = Files.readString(made.folder().resolve("mylog.txt"));
    long records = Pattern.compile("(?m)^Breakpoint 1, gc_log_change \\(").matcher(log).results().count();
    assertThat(records).isGreaterThan(300);
    assertThat(capture.snapshots().count()).isEqualTo(records);
    assertThat(capture.snapshots().partialBytes()).isZero();
    assertThat(log).contains("heapreel_script_done (status=0)");
  }

  @Test
  void theWordSizeIsTheBoards() {
    assertThat(capture.wordSize()).isEqualTo(wordSize());
    assertThat(made.truth().bytesPerBlock()).isEqualTo(wordsPerBlock() * wordSize());
    assertThat(capture.heap().bytesPerBlock()).isEqualTo(wordsPerBlock() * wordSize());
  }

  @Test
  void theHeapAreasAreTheOnesTheFirmwareDescribes() {
    assertSameAsTruth(capture.heap().areas());
  }

  /**
   * A heap known only as ranges (given with --heap-area, or the heap symbol, with the collector's
   * descriptor not in the dumps) is laid out from the last dump's pointers alone: the block size,
   * the tables and the pool must still be the firmware's.
   */
  @Test
  void theHeapAreasFollowFromTheirRangesAndTheLastDumpsPointersAlone() {
    List<AddressRange> ranges = made.truth().areas().stream().map(a -> new AddressRange(a.atbStart(), a.poolEnd())).toList();
    GeometryChoice.Choice choice = new GeometryChoice(wordSize(), HeapGeometry.Formula.MICROPYTHON, true, 0)
        .choose(ranges, capture.snapshots().snapshot(capture.snapshots().count() - 1), capture.ram(), "the truth's ranges");
    assertSameAsTruth(choice.areas());
    assertThat(choice.areas()).allSatisfy(a -> assertThat(a.bytesPerBlock()).isEqualTo(wordsPerBlock() * wordSize()));
  }

  private void assertSameAsTruth(List<HeapArea> found) {
    List<Area> truth = made.truth().areas();
    assertThat(truth).hasSize(areas());
    assertThat(found).hasSameSizeAs(truth);
    for (int i = 0; i < truth.size(); i++) {
      Area t = truth.get(i);
      HeapArea h = found.stream().filter(a -> a.atbStart() == t.atbStart()).findFirst()
          .orElseThrow(() -> new AssertionError("no heap area with its alloc table at 0x" + Long.toHexString(t.atbStart())));
      assertThat(List.of((long) h.atbBytes(), h.ftbStart(), h.wtbStart(), h.poolStart(), h.poolEnd()))
          .as("area %d: alloc table bytes, finaliser table, weakref table, pool start, pool end", i)
          .containsExactly((long) t.atbBytes(), t.ftbStart(), t.wtbStart(), t.poolStart(), t.poolEnd());
    }
  }

  @Test
  void theLastDumpHoldsTheAllocationTableTheFirmwareEndedWith() throws IOException {
    byte[] ram = dump(capture.snapshots().count() - 1);
    for (Area area : made.truth().areas()) {
      int at = (int) (area.atbStart() - capture.ram().start());
      byte[] table = java.util.Arrays.copyOfRange(ram, at, at + area.atbBytes());
      assertThat(table).as("alloc table at 0x%x", area.atbStart()).isEqualTo(area.atb());
    }
  }

  @Test
  void everyDumpsBlockFiguresMatchAnIndependentDecodingOfItsAllocationTable() throws IOException {
    int bpb = made.truth().bytesPerBlock();
    int mismatches = 0;
    String first = null;
    long count = capture.snapshots().count();
    for (long i = 0; i < count; i++) {
      IndependentDecoding expected = IndependentDecoding.of(dump(i), capture.ram().start(), made.truth().areas(), bpb);
      HeapStats got = capture.decoder().stats(capture.snapshots().snapshot(i));
      IndependentDecoding actual = new IndependentDecoding(got.objects(), got.marked(), got.allocatedBlocks(),
          got.freeBlocks(), got.largestFreeBlocks(), got.freeRuns());
      if (!actual.equals(expected)) {
        mismatches++;
        if (first == null) {
          first = "snapshot " + i + ": heapreel " + actual + ", decoded " + expected;
        }
      }
    }
    assertThat(mismatches).as("dumps whose figures differ; the first: %s", first).isZero();
    // the workload drops every other chunk before its collection: the heap is fragmented
    assertThat(IndependentDecoding.of(dump(count - 1), capture.ram().start(), made.truth().areas(), bpb).freeRuns())
        .isGreaterThan(3);
  }

  @Test
  void memFreeAndMemAllocAreTheLastDumpsFreeAndAllocatedBytes() {
    HeapStats stats = capture.decoder().stats(capture.snapshots().snapshot(capture.snapshots().count() - 1));
    int bpb = capture.heap().bytesPerBlock();
    assertThat((long) stats.freeBlocks() * bpb).as("gc.mem_free()").isEqualTo(made.printed().memFree());
    assertThat((long) stats.allocatedBlocks() * bpb).as("gc.mem_alloc()").isEqualTo(made.printed().memAlloc());
  }

  @Test
  void theObjectsThePrintedIdsNameHaveTheirTypesAndSizes() {
    int bpb = capture.heap().bytesPerBlock();
    for (PrintedObject p : made.printed().objects()) {
      HeapObject o = object(p.address()).orElseThrow(
          () -> new AssertionError(p + ": no allocation starts at its id"));
      if (p.pythonType().equals("type")) {
        assertThat(o.type()).as(p.toString()).isEqualTo("type");
        assertThat(o.name()).as(p.toString()).isEqualTo(p.name());
      } else {
        assertThat(o.type()).as(p.toString()).isEqualTo(TYPE_NAMES.getOrDefault(p.pythonType(), p.pythonType()));
      }
      assertThat(o.reachable()).as(p + " is held by a global").isTrue();
    }
    for (String name : List.of("blob", "keep")) {
      PrintedObject p = made.printed().object(name);
      HeapObject data = ownedBy(p.address(), Role.BYTEARRAY_DATA);
      assertThat(data.blocks()).as(name + "'s data blocks").isEqualTo((p.size() + bpb - 1) / bpb);
    }
    assertThat(object(made.printed().object("label").address()).orElseThrow().preview()).isEqualTo(made.printed().label());
    assertThat(object(made.printed().object("table").address()).orElseThrow().keys())
        .hasSize(made.printed().object("table").size()).contains("key0", "key23");
    assertThat(last().objects().stream().filter(o -> o.type().equals("Sensor"))).hasSize(made.printed().object("sensors").size());
    assertThat(object(made.printed().object("sensor0").address()).orElseThrow().keys())
        .containsExactlyInAnyOrder("name", "scale", "readings");
  }

  @Test
  void thePrintedFloatsPreviewTheirValues() {
    for (PrintedFloat p : made.printed().floats()) {
      boolean boxed = made.truth().areas().stream().anyMatch(a -> p.address() >= a.poolStart() && p.address() < a.poolEnd());
      if (!boxed) {
        continue; // representation C keeps a float in the object word: no allocation to look at
      }
      HeapObject o = object(p.address()).orElseThrow(() -> new AssertionError(p + ": no allocation starts at its id"));
      assertThat(o.type()).as(p.toString()).isEqualTo("float");
      assertThat(Double.parseDouble(o.preview())).as(p + ": the preview %s", o.preview())
          .isCloseTo(p.value(), Percentage.withPercentage(1e-4));
    }
  }

  @Test
  void theSetsSlotTableIsTheSetsOwnRole() {
    PrintedObject tags = made.printed().object("tags");
    assertOwnedSlots(tags, Role.SET_TABLE, tags.size());
  }

  @Test
  void theDequesItemRingIsItsOwnRole() {
    PrintedObject recent = made.printed().object("recent");
    // deque((), maxlen) allocates maxlen + 1 slots
    assertOwnedSlots(recent, Role.DEQUE_ITEMS, recent.size() + 1);
  }

  @Test
  void theDeflateReadersStateAndWindowAreTheirOwnRoles() {
    PrintedObject inflater = made.printed().object("inflater");
    HeapObject reader = ownedBy(inflater.address(), Role.DEFLATE_READER);
    HeapObject window = ownedBy(reader.address(), Role.DEFLATE_WINDOW);
    int bpb = capture.heap().bytesPerBlock();
    assertThat((long) window.blocks() * bpb).as("the window of %d bytes the program asked for", inflater.size())
        .isGreaterThanOrEqualTo(inflater.size()).isLessThan(inflater.size() + bpb);
  }

  /** The block the object owns with this role holds at least {@code slots} words. */
  private void assertOwnedSlots(PrintedObject owner, Role role, int slots) {
    HeapObject table = ownedBy(owner.address(), role);
    assertThat((long) table.blocks() * capture.heap().bytesPerBlock()).as("%s of %s holds %d slots", role, owner.name(), slots)
        .isGreaterThanOrEqualTo((long) slots * wordSize());
  }

  @Test
  void theObjectRepresentationIsTheOneGdbFindsTheGlobalsKeysIn() {
    assertThat(ObjectInspector.of(capture).layout().repr().name()).isEqualTo(made.truth().repr());
  }

  @Test
  void theMainModulesGlobalsAreTheOnesGdbReads() {
    FirmwareTruth truth = made.truth();
    HeapObject table = object(truth.globalsTable()).orElseThrow(
        () -> new AssertionError("no allocation at the globals table 0x" + Long.toHexString(truth.globalsTable())));
    assertThat(table.role()).isEqualTo(Role.MAP_TABLE);
    assertThat(table.keys()).containsExactlyInAnyOrderElementsOf(truth.globals().keySet());
    assertThat(truth.globals()).hasSize(truth.globalsUsed());
    Set<Long> addresses = new HashSet<>();
    last().objects().forEach(o -> addresses.add(o.address()));
    for (Map.Entry<String, Long> global : truth.globals().entrySet()) {
      long value = global.getValue();
      boolean inPool = made.truth().areas().stream().anyMatch(a -> value >= a.poolStart() && value < a.poolEnd());
      if (inPool) {
        assertThat(addresses).as("global %s = 0x%x", global.getKey(), value).contains(value);
      }
    }
  }

  @Test
  void theLogsLiveAllocationsAtTheEndAreTheHeadsGdbReadInEveryArea() {
    // heap blocks from gdb's reading alone: each area's blocks counted on from the first pool start
    List<Area> areas = made.truth().areas();
    long first = areas.stream().mapToLong(Area::poolStart).min().orElseThrow();
    int bpb = made.truth().bytesPerBlock();
    Set<Integer> heads = new TreeSet<>();
    for (Area a : areas) {
      int offset = (int) ((a.poolStart() - first) / bpb);
      for (int b = 0; b < a.atbBytes() * 4; b++) {
        int state = (a.atb()[b / 4] >> (2 * (b % 4))) & 3;
        if (state == 1 || state == 3) {
          heads.add(offset + b);
        }
      }
    }
    LogReplay replay = LogReplay.read(made.folder().resolve("mylog.txt"), SiteRules.MICROPYTHON);
    Set<Integer> alive = new TreeSet<>();
    replay.lifespans().stream().filter(Lifespan::alive).forEach(l -> alive.add(l.startBlock()));
    assertThat(alive).as("start blocks of the allocations alive at the end of the log").isEqualTo(heads);
    for (int block : alive) {
      assertThat(capture.heap().blockAddress(block)).as("heap block %d", block)
          .isEqualTo(first + (long) block * bpb);
      assertThat(capture.heap().areaOf(block)).isNotNegative();
    }
  }

  Optional<HeapObject> object(long address) {
    return last().objects().stream().filter(o -> o.address() == address).findFirst();
  }

  HeapObject ownedBy(long owner, Role role) {
    return last().objects().stream().filter(o -> o.owner() == owner && o.role() == role).findFirst()
        .orElseThrow(() -> new AssertionError("no " + role + " owned by 0x" + Long.toHexString(owner)));
  }

  byte[] dump(long index) throws IOException {
    return RamDumps.read(made.folder().resolve("ram.bin"), (int) capture.ram().length(), index);
  }

}
