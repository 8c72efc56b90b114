package io.heapreel.model.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.heap.HeapArea;
import io.heapreel.model.heap.HeapDecoder;
import io.heapreel.model.heap.HeapStats;
import io.heapreel.model.lifespan.SiteRules;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two real captures of firmware built with MICROPY_GC_SPLIT_HEAP_AUTO, whose heap starts as one
 * small area and gains areas as the program needs them (as on the esp32 port), then gives them back
 * when a sweep leaves them empty: {@code mps2-an385-auto} grows to four areas and gives two back;
 * {@code mps2-an385-grow} grows to three, gives both added areas back, grows again and gives them
 * back again. heapreel decodes in each snapshot the areas the collector's list holds there. Held to
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
  private record OwnCount(List<Long> atbStarts, int total, int allocated, int free, int heads) {}

  @ParameterizedTest
  @ValueSource(strings = {"mps2-an385-auto", "mps2-an385-grow"})
  void everySnapshotHasTheBlocksOfTheAreasItsOwnListHolds(String name) throws IOException {
    Sample sample = Sample.of(name);
    try (Capture capture = Capture.open(sample.folder())) {
      assertThat(capture.warnings()).isEmpty();
      Path ram = sample.folder().resolve("ram.bin");
      int span = (int) capture.ram().length();
      long ramStart = capture.ram().start();
      long link = linkAddress(sample, RamDumps.read(ram, span, 0), ramStart);
      HeapDecoder decoder = capture.decoder();
      Set<List<Long>> shapes = new LinkedHashSet<>();
      int changes = 0;
      List<Long> before = null;
      for (long i = 0; i < capture.snapshots().count(); i++) {
        OwnCount own = count(RamDumps.read(ram, span, i), ramStart, link);
        HeapStats stats = decoder.stats(capture.snapshots().snapshot(i));
        assertThat(stats.suspect()).as("snapshot %d", i).isNull();
        assertThat(List.of(stats.totalBlocks(), stats.allocatedBlocks(), stats.freeBlocks(), stats.objects()))
            .as("snapshot %d: total, allocated, free blocks, heads", i)
            .isEqualTo(List.of(own.total(), own.allocated(), own.free(), own.heads()));
        shapes.add(own.atbStarts());
        changes += before != null && !before.equals(own.atbStarts()) ? 1 : 0;
        before = own.atbStarts();
      }
      List<Long> union = capture.heap().areas().stream().map(HeapArea::atbStart).sorted().toList();
      assertThat(union).as("every area some snapshot's list holds")
          .isEqualTo(shapes.stream().flatMap(List::stream).distinct().sorted().toList());
      assertThat(changes).as("changes of the list").isEqualTo(name.equals("mps2-an385-auto") ? 5 : 8);
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

  @ParameterizedTest
  @ValueSource(strings = {"mps2-an385-auto", "mps2-an385-grow"})
  void verifyFindsEveryEventInItsArea(String name) {
    Sample sample = Sample.of(name);
    try (Capture capture = Capture.open(sample.folder())) {
      VerifyReport report = CaptureVerifier.verify(capture, sample.folder().resolve("mylog.txt"), SiteRules.MICROPYTHON);
      assertThat(report.mismatched()).isZero();
      assertThat(report.checked()).isEqualTo(capture.snapshots().count());
      assertThat(report.holdsTogether()).isTrue();
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

  /** The list from the first area's next word (py/mpstate.h mp_state_mem_area_t: next, alloc table start and length, ...). */
  private static OwnCount count(byte[] dump, long ramStart, long firstLink) {
    List<Long> starts = new ArrayList<>();
    int total = 0;
    int free = 0;
    int heads = 0;
    long descriptor = firstLink;
    for (int areas = 0; descriptor != 0; areas++) {
      assertThat(areas).as("a list that ends").isLessThan(64);
      int at = (int) (descriptor - ramStart);
      long atbStart = Integer.toUnsignedLong(word(dump, at + 4));
      int atbBytes = word(dump, at + 8);
      starts.add(atbStart);
      for (int b = 0; b < atbBytes * 4; b++) {
        int state = (dump[(int) (atbStart - ramStart) + b / 4] >> (2 * (b % 4))) & 3;
        free += state == 0 ? 1 : 0;
        heads += state == 1 || state == 3 ? 1 : 0;
      }
      total += atbBytes * 4;
      descriptor = Integer.toUnsignedLong(word(dump, at));
    }
    return new OwnCount(starts.stream().sorted().toList(), total, total - free, free, heads);
  }

  private static int word(byte[] dump, int at) {
    return ByteBuffer.wrap(dump, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
  }
}
