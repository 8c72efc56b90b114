package io.heapreel.model.heap;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.open.Capture;
import io.heapreel.model.capture.CaptureFiles;
import io.heapreel.model.capture.Memory;
import io.heapreel.model.capture.PositionalSnapshots;
import io.heapreel.model.capture.RamSpan;
import io.heapreel.model.open.CaptureSpec;
import io.heapreel.model.testing.RealCaptures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/** Every snapshot of the real dev capture against reference_stats.csv, computed independently. */
class RealCaptureStatsTest {
  @Test
  void everySnapshotMatchesTheReferenceStatistics() throws IOException {
    try (Capture capture = Capture.open(RealCaptures.dev())) {
      assertMatchesTheReference(capture);
    }
  }

  /** The same, the snapshots decompressed as read from sample-dumps/dev/ram.bin.xz (one xz block, read in order). */
  @Test
  void everySnapshotReadStraightFromRamBinXzMatchesTheReferenceStatistics() throws IOException {
    Path dev = RealCaptures.dev();
    Path xz = RealCaptures.sampleFolder("dev").resolve("ram.bin.xz");
    try (Capture capture = Capture.open(CaptureSpec.of(CaptureFiles.locate(dev, xz, null, null, null, null)))) {
      assertThat(capture.snapshots().name()).isEqualTo(xz.toString());
      assertMatchesTheReference(capture);
    }
  }

  /** The same, each snapshot's tables and anchor fetched by one positional read ({@link HeapDecoder#statsReads}), as the run's decode reads them. */
  @Test
  void everySnapshotDecodedFromItsTablesAloneMatchesTheReferenceStatistics() throws IOException {
    try (Capture capture = Capture.open(RealCaptures.dev());
        PositionalSnapshots parts = PositionalSnapshots.open(capture.files().requireRam(), capture.ram(), capture.snapshots().count())) {
      RamSpan reads = capture.decoder().statsReads();
      assertThat(reads.length()).as("the tables and the anchor, not the whole snapshot").isLessThan(capture.ram().length() / 4);
      assertMatchesTheReference(capture, i -> parts.part(i, reads));
    }
  }

  private static void assertMatchesTheReference(Capture capture) throws IOException {
    assertMatchesTheReference(capture, i -> capture.snapshots().snapshot(i));
  }

  private static void assertMatchesTheReference(Capture capture, LongFunction<Memory> snapshots) throws IOException {
    List<String> lines = Files.readAllLines(RealCaptures.referenceFile("dev", "reference_stats.csv"));
    List<String> header = List.of(lines.get(0).split(","));
    {
      assertThat(capture.snapshots().count()).isEqualTo(lines.size() - 1).isEqualTo(2737);
      assertThat(capture.heap().method()).isEqualTo(HeapLocation.Method.AREA_DESCRIPTOR);
      HeapArea area = capture.heap().areas().get(0);
      assertThat(area).isEqualTo(new HeapArea(0x20000320L, 437, 0x200004d6L, 0x200005e0L, 0x20007320L, 4));
      HeapDecoder decoder = capture.decoder();
      List<String> mismatches = new ArrayList<>();
      for (int i = 1; i < lines.size(); i++) {
        String[] ref = lines.get(i).split(",");
        int snapshot = Integer.parseInt(ref[header.indexOf("snapshot")]);
        HeapStats s = decoder.stats(snapshots.apply(snapshot));
        Map<String, Integer> got =
            Map.of(
                "heads", s.objects(),
                "marked_heads", s.marked(),
                "allocated_blocks", s.allocatedBlocks(),
                "tail_blocks", s.tailBlocks(),
                "orphan_tail_blocks", s.orphanTailBlocks(),
                "free_blocks", s.freeBlocks(),
                "longest_free_run_blocks", s.largestFreeBlocks(),
                "ftb_set_on_heads", s.finaliserBlocks());
        got.forEach(
            (column, value) -> {
              int expected = Integer.parseInt(ref[header.indexOf(column)]);
              if (expected != value) {
                mismatches.add("snapshot " + snapshot + " " + column + ": " + value + " != " + expected);
              }
            });
      }
      assertThat(mismatches).isEmpty();
    }
  }
}
