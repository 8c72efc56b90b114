package io.heapreel.model.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.heap.HeapArea;
import io.heapreel.model.heap.HeapDecoder;
import io.heapreel.model.heap.HeapStats;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.objects.HeapObject;
import io.heapreel.model.objects.ObjectInspector;
import io.heapreel.model.open.Capture;
import io.heapreel.model.testing.RealCaptures;
import io.heapreel.model.verify.CaptureVerifier;
import io.heapreel.model.verify.VerifyReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Three real captures of firmware built with MICROPY_GC_SPLIT_HEAP_AUTO, whose heap starts as one
 * small area and gains areas as the program needs them (as on the esp32 port), then gives them back
 * when a sweep leaves them empty: {@code mps2-an385-auto} grows to four areas and gives two back;
 * {@code mps2-an385-grow} grows to three, gives both added areas back, grows again and gives them
 * back again; {@code mps2-an385-reuse} grows by an area, gives it back, and gets the same memory
 * back as an area of another size (one 20,000-byte bytearray), then at the first size again. heapreel decodes in each snapshot the areas the collector's list holds there. Held to
 * readings made without heapreel: the test's own walk of that list and count of each area's
 * allocation table in every dump, the program's {@code micropython.mem_info()} at each of its
 * reports, and gdb's reading of the stopped firmware at the end (truth.txt).
 */
class SampleGrowingHeapTest {
  private static final Pattern GC_INFO = Pattern.compile("GC: total: (\\d+), used: (\\d+), free: (\\d+)");
  private static final Pattern RECORD = Pattern.compile("gc_log_change \\(start_block=(\\d+), length=(\\d+)\\)");

  /** The sample's folder (ram.bin unpacked, the other files linked beside it) and gdb's reading. */
  private record Sample(Path folder, FirmwareTruth truth) {
    static synchronized Sample of(String name) {
      try {
        Path folder = RealCaptures.firmwareSample(name);
        return new Sample(folder, FirmwareTruth.read(folder.resolve("truth.txt")));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** One dump's blocks as the test reads them: the list walked from the first area's next word, each table counted. */
  private record OwnCount(List<List<Long>> tables, int total, int allocated, int free, int heads) {}

  @ParameterizedTest
  @ValueSource(strings = {"mps2-an385-auto", "mps2-an385-grow", "mps2-an385-reuse", "mps2-an385-below"})
  void everySnapshotHasTheBlocksOfTheAreasItsOwnListHolds(String name) throws IOException {
    Sample sample = Sample.of(name);
    try (Capture capture = Capture.open(sample.folder())) {
      assertThat(capture.warnings()).isEmpty();
      Path ram = sample.folder().resolve("ram.bin");
      int span = (int) capture.ram().length();
      long ramStart = capture.ram().start();
      long link = linkAddress(sample, RamDumps.read(ram, span, 0), ramStart);
      HeapDecoder decoder = capture.decoder();
      Set<List<List<Long>>> shapes = new LinkedHashSet<>();
      int changes = 0;
      List<List<Long>> before = null;
      for (long i = 0; i < capture.snapshots().count(); i++) {
        OwnCount own = count(RamDumps.read(ram, span, i), ramStart, link);
        HeapStats stats = decoder.stats(capture.snapshots().snapshot(i));
        assertThat(stats.suspect()).as("snapshot %d", i).isNull();
        assertThat(List.of(stats.totalBlocks(), stats.allocatedBlocks(), stats.freeBlocks(), stats.objects()))
            .as("snapshot %d: total, allocated, free blocks, heads", i)
            .isEqualTo(List.of(own.total(), own.allocated(), own.free(), own.heads()));
        shapes.add(own.tables());
        changes += before != null && !before.equals(own.tables()) ? 1 : 0;
        before = own.tables();
      }
      List<List<Long>> union = capture.heap().areas().stream().map(a -> List.of(a.atbStart(), (long) a.atbBytes())).sorted(TABLES).toList();
      assertThat(union).as("every area some snapshot's list holds: its alloc table's start and length")
          .isEqualTo(shapes.stream().flatMap(List::stream).distinct().sorted(TABLES).toList());
      assertThat(changes).as("changes of the list").isEqualTo(switch (name) {
        case "mps2-an385-auto", "mps2-an385-reuse", "mps2-an385-below" -> 5;
        default -> 8;
      });
    }
  }

  /**
   * The program's mem_info() after each gc.collect(): the state after the collection is the dump of
   * the next event (the first allocation after it, in the first area) less that allocation.
   */
  @Test
  void theProgramsFiguresAtEachReportAreTheDecodedOnes() throws IOException {
    Sample sample = Sample.of("mps2-an385-grow");
    List<String> records = List.of(Files.readString(sample.folder().resolve("mylog.txt")).split("\nBreakpoint 1, "));
    records = records.subList(1, records.size());
    List<Integer> afterCollections = new ArrayList<>();
    for (int i = 0; i + 1 < records.size(); i++) {
      if (records.get(i).contains("py_gc_collect") && !records.get(i + 1).contains("py_gc_collect")) {
        afterCollections.add(i + 1);
      }
    }
    Matcher info = GC_INFO.matcher(Files.readString(sample.folder().resolve("uart.log")));
    List<int[]> reports = new ArrayList<>();
    while (info.find()) {
      reports.add(new int[] {Integer.parseInt(info.group(1)), Integer.parseInt(info.group(2)), Integer.parseInt(info.group(3))});
    }
    assertThat(reports).hasSize(6);
    assertThat(afterCollections).as("the first event after each of the first five collections").hasSize(5);
    try (Capture capture = Capture.open(sample.folder())) {
      HeapDecoder decoder = capture.decoder();
      int firstArea = sample.truth().areas().get(0).atbBytes() * HeapArea.BLOCKS_PER_ATB;
      int bytes = capture.heap().bytesPerBlock();
      List<Integer> totals = new ArrayList<>();
      for (int r = 0; r < 5; r++) {
        int event = afterCollections.get(r);
        Matcher m = RECORD.matcher(records.get(event));
        assertThat(m.find()).isTrue();
        int block = Integer.parseInt(m.group(1));
        int length = Integer.parseInt(m.group(2));
        assertThat(length).as("event %d allocates", event).isPositive();
        assertThat(block + length).as("event %d lies in the first area", event).isLessThanOrEqualTo(firstArea);
        HeapStats s = decoder.stats(capture.snapshots().snapshot(event));
        int used = (s.allocatedBlocks() - length) * bytes;
        assertThat(List.of(s.totalBlocks() * bytes, used, s.totalBlocks() * bytes - used))
            .as("report %d at event %d: total, used, free", r, event)
            .containsExactly(reports.get(r)[0], reports.get(r)[1], reports.get(r)[2]);
        totals.add(s.totalBlocks());
      }
      assertThat(totals).as("grown, given back, grown again, given back again").containsExactly(496, 1984, 496, 1984, 496);
      // the last report: nothing after it changed the heap but the program's last output; gdb's tables at the end
      HeapStats last = decoder.stats(capture.snapshots().snapshot(capture.snapshots().count() - 1));
      assertThat(List.of(last.totalBlocks() * bytes, last.allocatedBlocks() * bytes, last.freeBlocks() * bytes))
          .containsExactly(reports.get(5)[0], reports.get(5)[1], reports.get(5)[2]);
      int gdbTotal = sample.truth().areas().stream().mapToInt(a -> a.atbBytes() * HeapArea.BLOCKS_PER_ATB).sum();
      int gdbFree = 0;
      for (FirmwareTruth.Area a : sample.truth().areas()) {
        for (int b = 0; b < a.atbBytes() * HeapArea.BLOCKS_PER_ATB; b++) {
          gdbFree += ((a.atb()[b / 4] >> (2 * (b % 4))) & 3) == 0 ? 1 : 0;
        }
      }
      assertThat(List.of(last.totalBlocks(), last.freeBlocks())).as("gdb's areas at the end").containsExactly(gdbTotal, gdbFree);
    }
  }

  /**
   * The memory of the area added first, given back, comes back as an area of another size (the
   * bytearray's) and then at the first size again: two areas of the capture with their descriptor at
   * one address, never in the same snapshot. Before, heapreel kept one geometry an address: 12
   * snapshots were suspect and their events verify mismatches. The program's mem_info() after each
   * collection is the decoded heap of the next allocation's dump less that allocation (five of its
   * six reports have one; the last collection is followed by no allocation).
   */
  @ParameterizedTest
  @ValueSource(strings = {"mps2-an385-reuse", "mps2-an385-below"})
  void anAreasMemoryGivenAgainAtAnotherSizeIsAnotherArea(String name) throws IOException {
    Sample sample = Sample.of(name);
    Matcher info = GC_INFO.matcher(Files.readString(sample.folder().resolve("uart.log")));
    List<List<Integer>> reports = new ArrayList<>();
    while (info.find()) {
      reports.add(List.of(Integer.parseInt(info.group(1)), Integer.parseInt(info.group(2)), Integer.parseInt(info.group(3))));
    }
    assertThat(reports).hasSize(6);
    assertThat(reports.get(2).get(0)).as("the bytearray's area and the first").isEqualTo(29_440);
    List<String> records = List.of(Files.readString(sample.folder().resolve("mylog.txt")).split("\nBreakpoint 1, "));
    records = records.subList(1, records.size());
    try (Capture capture = Capture.open(sample.folder())) {
      assertThat(capture.warnings()).isEmpty();
      List<HeapArea> areas = capture.heap().areas();
      assertThat(areas).hasSize(3);
      // the added areas, at one address: above the first area's pool (reuse), or below it (below)
      int small = name.equals("mps2-an385-reuse") ? 1 : 0;
      long both = 3L << small;
      assertThat(areas.get(small).atbStart()).isEqualTo(areas.get(small + 1).atbStart());
      assertThat(List.of(areas.get(small).atbBytes(), areas.get(small + 1).atbBytes())).containsExactly(124, 336);
      HeapDecoder decoder = capture.decoder();
      int bytes = capture.heap().bytesPerBlock();
      int matched = 0;
      for (int e = 0; e < records.size() && matched < 5; e++) {
        Matcher m = RECORD.matcher(records.get(e));
        assertThat(m.find()).isTrue();
        int length = Integer.parseInt(m.group(2));
        long present = decoder.present(capture.snapshots().snapshot(e)).areas();
        assertThat(present & both).as("snapshot %d holds at most one of the two areas at 0x%08x", e, areas.get(small).atbStart())
            .isNotEqualTo(both);
        if (length == 0 || records.get(e).contains("py_gc_collect")) {
          continue;
        }
        HeapStats s = decoder.stats(capture.snapshots().snapshot(e));
        int used = (s.allocatedBlocks() - length) * bytes;
        if (List.of(s.totalBlocks() * bytes, used, s.totalBlocks() * bytes - used).equals(reports.get(matched))) {
          matched++;
        }
      }
      assertThat(matched).as("the first five reports, in order, each some allocation's dump less the allocation").isEqualTo(5);
      // the program's id() of the big bytearray: the object, and its 1,250 blocks of data (20,000
      // bytes) in the area of the other size, snapshot 350 being one that holds it
      Matcher id = Pattern.compile("^id bytearray (\\d+)$", Pattern.MULTILINE).matcher(Files.readString(sample.folder().resolve("uart.log")));
      assertThat(id.find()).isTrue();
      long bytearray = Long.parseLong(id.group(1));
      assertThat(decoder.present(capture.snapshots().snapshot(350)).areas() & both).isEqualTo(1L << (small + 1));
      List<HeapObject> objects = ObjectInspector.of(capture).inspect(capture.snapshots().snapshot(350)).objects();
      assertThat(objects).filteredOn(o -> o.address() == bytearray).extracting(HeapObject::type).containsExactly("bytearray");
      HeapArea big = areas.get(small + 1);
      assertThat(objects).filteredOn(o -> o.owner() == bytearray)
          .extracting(o -> List.of(o.blocks(), big.inPool(o.address()) ? 1 : 0)).containsExactly(List.of(1250, 1));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mps2-an385-auto", "mps2-an385-grow", "mps2-an385-reuse", "mps2-an385-below"})
  void verifyFindsEveryEventInItsArea(String name) {
    Sample sample = Sample.of(name);
    try (Capture capture = Capture.open(sample.folder())) {
      VerifyReport report = CaptureVerifier.verify(capture, sample.folder().resolve("mylog.txt"), SiteRules.MICROPYTHON);
      assertThat(report.mismatched()).isZero();
      assertThat(report.checked()).isEqualTo(capture.snapshots().count());
      assertThat(report.holdsTogether()).isTrue();
    }
  }

  /**
   * The firmware's system heap hands out memory below the first area (the capture tool's
   * HEAPREEL_SYS_HEAP_BELOW), so the added areas' blocks are negative in the log: the hook's size_t
   * carries their 32-bit two's complement. Read by the test from each record's hex value, every
   * allocation's block, counted from the first area's pool start (gdb's first area), lies in an area
   * of that dump's own list as a head; heapreel's heap blocks are the log's, its snapshots are all
   * sound and hold the blocks the test counts.
   */
  @Test
  void anAreaBelowTheFirstOneHasTheLogsNegativeBlocks() throws IOException {
    Sample sample = Sample.of("mps2-an385-below");
    List<String> records = List.of(Files.readString(sample.folder().resolve("mylog.txt")).split("\nBreakpoint 1, "));
    records = records.subList(1, records.size());
    Pattern values = Pattern.compile("^\\$\\d+ = 0x([0-9a-f]+)\\n\\$\\d+ = 0x([0-9a-f]+)$", Pattern.MULTILINE);
    FirmwareTruth.Area firstArea = sample.truth().areas().get(0);
    Path ram = sample.folder().resolve("ram.bin");
    try (Capture capture = Capture.open(sample.folder())) {
      int span = (int) capture.ram().length();
      long ramStart = capture.ram().start();
      long link = linkAddress(sample, RamDumps.read(ram, span, 0), ramStart);
      assertThat(capture.heap().firstPoolStart()).isEqualTo(firstArea.poolStart());
      assertThat(capture.heap().lowestHeapBlock()).isEqualTo(-3585);
      int below = 0;
      for (int e = 0; e < records.size(); e++) {
        Matcher m = values.matcher(records.get(e));
        assertThat(m.find()).as("record %d", e).isTrue();
        int block = (int) Long.parseLong(m.group(1), 16); // the 32-bit word as a signed number
        int length = Integer.parseInt(m.group(2), 16);
        if (length == 0 || records.get(e).contains("py_gc_collect")) {
          continue;
        }
        long address = firstArea.poolStart() + (long) block * 16;
        assertThat(capture.heap().blockAddress(block)).isEqualTo(address);
        assertThat(ownState(RamDumps.read(ram, span, e), ramStart, link, address)).as("event %d, block %d: a head", e, block).isEqualTo(1);
        below += block < 0 ? 1 : 0;
      }
      assertThat(below).as("allocations below the first area's pool").isGreaterThan(20);
    }
  }

  /** The allocation-table state of the block at {@code address} in the area of the dump's own list that holds it, or -1. */
  private static int ownState(byte[] dump, long ramStart, long firstLink, long address) {
    for (long descriptor = firstLink; descriptor != 0; ) {
      int at = (int) (descriptor - ramStart);
      long atbStart = Integer.toUnsignedLong(word(dump, at + 4));
      int atbBytes = word(dump, at + 8);
      long pool = Integer.toUnsignedLong(word(dump, at + 16)); // next, alloc table, its length, finaliser table, pool start
      if (address >= pool && address < pool + atbBytes * 4L * 16) {
        int b = (int) ((address - pool) / 16);
        return (dump[(int) (atbStart - ramStart) + b / 4] >> (2 * (b % 4))) & 3;
      }
      descriptor = Integer.toUnsignedLong(word(dump, at));
    }
    return -1;
  }

  /**
   * The heap's memory zeroed (from the first area's alloc table to the end of RAM) in two dumps
   * where the first area is alone and two where the bytearray's area is there: those four are
   * suspect and their events disagree, the others as in the sound capture.
   */
  @Test
  void aZeroedHeapIsSuspectWhicheverAreasItsSnapshotHad(@TempDir Path tmp) throws IOException {
    Sample sample = Sample.of("mps2-an385-reuse");
    Path folder = tmp.resolve("capture");
    Files.createDirectories(folder);
    for (String file : List.of("mylog.txt", "firmware.elf")) {
      Files.createSymbolicLink(folder.resolve(file), sample.folder().resolve(file).toRealPath());
    }
    byte[] ram = Files.readAllBytes(sample.folder().resolve("ram.bin"));
    long[] zeroed = {100, 200, 350, 352};
    try (Capture sound = Capture.open(sample.folder())) {
      int span = (int) sound.ram().length();
      int from = (int) (sound.heap().areas().get(0).atbStart() - sound.ram().start());
      HeapDecoder decoder = sound.decoder();
      assertThat(decoder.present(sound.snapshots().snapshot(350)).areas()).as("the bytearray's area is in snapshot 350").isEqualTo(0b101);
      for (long z : zeroed) {
        java.util.Arrays.fill(ram, (int) (z * span) + from, (int) ((z + 1) * span), (byte) 0);
      }
    }
    Files.write(folder.resolve("ram.bin"), ram);
    try (Capture capture = Capture.open(folder)) {
      VerifyReport report = CaptureVerifier.verify(capture, folder.resolve("mylog.txt"), SiteRules.MICROPYTHON);
      assertThat(report.holdsTogether()).isFalse();
      assertThat(report.mismatched()).isEqualTo(zeroed.length);
      assertThat(report.suspect()).extracting(line -> line.substring(0, line.indexOf(':')))
          .containsExactly("snapshot 100", "snapshot 200", "snapshot 350", "snapshot 352");
    }
  }

  /** The word before the descriptor gdb read: its alloc table start and length, side by side in the first dump. */
  private static long linkAddress(Sample sample, byte[] dump, long ramStart) {
    FirmwareTruth.Area area = sample.truth().areas().get(0);
    for (int at = 4; at + 8 <= dump.length; at += 4) {
      if (Integer.toUnsignedLong(word(dump, at)) == area.atbStart() && word(dump, at + 4) == area.atbBytes()) {
        return ramStart + at - 4;
      }
    }
    throw new AssertionError("the first area's descriptor is not in the first dump");
  }

  private static final java.util.Comparator<List<Long>> TABLES =
      java.util.Comparator.<List<Long>>comparingLong(t -> t.get(0)).thenComparingLong(t -> t.get(1));

  /** The list from the first area's next word (py/mpstate.h mp_state_mem_area_t: next, alloc table start and length, ...). */
  private static OwnCount count(byte[] dump, long ramStart, long firstLink) {
    List<List<Long>> tables = new ArrayList<>();
    int total = 0;
    int free = 0;
    int heads = 0;
    long descriptor = firstLink;
    for (int areas = 0; descriptor != 0; areas++) {
      assertThat(areas).as("a list that ends").isLessThan(64);
      int at = (int) (descriptor - ramStart);
      long atbStart = Integer.toUnsignedLong(word(dump, at + 4));
      int atbBytes = word(dump, at + 8);
      tables.add(List.of(atbStart, (long) atbBytes));
      for (int b = 0; b < atbBytes * 4; b++) {
        int state = (dump[(int) (atbStart - ramStart) + b / 4] >> (2 * (b % 4))) & 3;
        free += state == 0 ? 1 : 0;
        heads += state == 1 || state == 3 ? 1 : 0;
      }
      total += atbBytes * 4;
      descriptor = Integer.toUnsignedLong(word(dump, at));
    }
    return new OwnCount(tables.stream().sorted(TABLES).toList(), total, total - free, free, heads);
  }

  private static int word(byte[] dump, int at) {
    return ByteBuffer.wrap(dump, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
  }
}
