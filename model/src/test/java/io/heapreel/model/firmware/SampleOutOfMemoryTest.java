package io.heapreel.model.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.gclog.GcEvent;
import io.heapreel.model.gclog.GcLogParser;
import io.heapreel.model.gclog.LogSummary;
import io.heapreel.model.heap.AllocatorFreeSpace;
import io.heapreel.model.lifespan.Action;
import io.heapreel.model.lifespan.FailedAllocation;
import io.heapreel.model.lifespan.FailedAllocations;
import io.heapreel.model.lifespan.Lifespan;
import io.heapreel.model.lifespan.LogReplay;
import io.heapreel.model.lifespan.LiveAllocations;
import io.heapreel.model.lifespan.LogReplayer;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.open.Capture;
import io.heapreel.model.testing.RealCaptures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * sample-dumps/mps2-an385-oom: grow.py on MPS2_AN385 with a 16 KiB heap, whose bytearray doubled
 * from 8000 to 16000 bytes cannot grow ('grow MemoryError at 8000'). The failure the log shows,
 * and the heap the allocator searched, against what the program printed and an independent
 * decoding of the dump's allocation table with gdb's geometry.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleOutOfMemoryTest {
  private static final String NAME = "mps2-an385-oom";
  private Path folder;
  private FirmwareTruth truth;
  private Capture capture;

  @BeforeAll
  void open() throws IOException {
    folder = RealCaptures.firmwareSample(NAME);
    truth = FirmwareTruth.read(folder.resolve("truth.txt"));
    capture = Capture.open(folder);
  }

  @AfterAll
  void close() {
    if (capture != null) {
      capture.close();
    }
  }

  @Test
  void theFailedGrowthIsTheOneTheProgramPrinted() throws IOException {
    assertThat(Files.readAllLines(folder.resolve("uart.log"))).contains("grow MemoryError at 8000");
    List<FailedAllocation> failures = failures();
    assertThat(failures).hasSize(1);
    FailedAllocation f = failures.get(0);
    assertThat(f.bytes()).isEqualTo(16000);
    assertThat(f.siteFrame().function()).isEqualTo("array_extend");
    assertThat(f.memoryError()).isTrue();
    assertThat(f.event()).isEqualTo(514);
  }

  @Test
  void theHeapTheAllocatorSearchedIsTheDumpsAllocationTableAndHadNoRunLongEnough() throws IOException {
    FailedAllocation f = failures().get(0);
    AllocatorFreeSpace free = AllocatorFreeSpace.of(capture.decoder(), capture.snapshots().snapshot(f.event()));
    IndependentDecoding decoded = IndependentDecoding.of(dump(f.event()), capture.ram().start(), truth.areas(), truth.bytesPerBlock());
    assertThat(free.freeBlocks()).isEqualTo(decoded.freeBlocks()).isEqualTo(321);
    assertThat(free.largestFreeBlocks()).isEqualTo(decoded.largestFreeRun()).isEqualTo(154);
    assertThat(free.largestFreeBlocks()).isLessThan((int) f.blocks(truth.bytesPerBlock()));
  }

  /**
   * The log's allocations alive at its end are the heads gdb read at the end (the last dump cannot
   * show it: it was taken at the last event, a free, before the free).
   */
  @Test
  void theLogsLiveAllocationsAtTheEndAreTheHeadsGdbRead() {
    FirmwareTruth.Area area = truth.areas().get(0);
    List<Integer> heads = new ArrayList<>();
    int blocks = (int) ((area.poolEnd() - area.poolStart()) / truth.bytesPerBlock());
    for (int b = 0; b < blocks; b++) {
      int kind = (area.atb()[b / 4] >> (2 * (b % 4))) & 3;
      if (kind == 1 || kind == 3) {
        heads.add(b);
      }
    }
    List<Integer> alive = LogReplay.read(folder.resolve("mylog.txt"), SiteRules.MICROPYTHON).lifespans().stream()
        .filter(Lifespan::alive).map(Lifespan::startBlock).sorted().toList();
    assertThat(alive).isEqualTo(heads);
  }

  private List<FailedAllocation> failures() {
    List<FailedAllocation> out = new ArrayList<>();
    FailedAllocations failures = new FailedAllocations(SiteRules.MICROPYTHON, out::add);
    GcLogParser.parse(folder.resolve("mylog.txt"), LogReplayer.untyped(SiteRules.MICROPYTHON, s -> false, new LogReplayer.Listener() {
      @Override
      public void event(GcEvent event, Action action, int site, int endingBlocks, LiveAllocations shown) {
        failures.event(event, action);
      }

      @Override
      public void end(LogSummary summary) {
        failures.end();
      }
    }));
    return out;
  }

  private byte[] dump(long index) throws IOException {
    return RamDumps.read(folder.resolve("ram.bin"), (int) capture.ram().length(), index);
  }
}
