package io.heapreel.model.open;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.heap.HeapDecoder;
import io.heapreel.model.heap.HeapStats;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.verify.CaptureVerifier;
import io.heapreel.model.verify.VerifyReport;
import io.heapreel.model.testing.RealCaptures;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An area's allocation table all 0xFF (every block a marked head) in the real split-heap sample
 * (mps2-an385-split, whose second area holds nothing: its gc_last_used_block is 0). A sweep may leave
 * a later area marked while it frees an earlier one, so the table rules passed it: 996 marked
 * one-block objects, exit 0, no word. No block past an area's gc_last_used_block is ever in use
 * (gc_alloc and gc_realloc raise it before they log, a sweep lowers it only past blocks it freed),
 * so such a table is now suspect, with the reason.
 */
class LastUsedBlockDamageTest {
  private static final int DUMP = SplitSampleDumps.DUMP;
  private static final long RAM = 0x21000000L;
  /** The second area's allocation table: 249 bytes from 0x21004444 (sample-dumps/mps2-an385-split/truth.txt). */
  private static final long SECOND_TABLE = 0x21004444L;
  private static final int SECOND_TABLE_BYTES = 249;
  private static final int DUMPS = 4;

  @TempDir Path dir;

  /** Every real sample's descriptors hold the word, and no snapshot of any breaks the rule (their sweeps do hold marks). */
  @ParameterizedTest
  @ValueSource(strings = {"dev", "mps2-an385", "mps2-an385-auto", "mps2-an385-configs", "mps2-an385-oom", "mps2-an385-repr-b",
      "mps2-an385-repr-c", "mps2-an385-split", "mps2-an500", "virt-rv32", "virt-rv64"})
  void theRealSamplesKeepTheirLastUsedBlocks(String sample) {
    try (Capture capture = Capture.open(RealCaptures.sampleFolder(sample))) {
      assertThat(capture.heap().lastUsed()).isNotNull();
      assertThat(capture.heap().lastUsed().addresses()).hasSameSizeAs(capture.heap().areas()).allMatch(a -> a > 0);
      assertThat(pastLastUsed(capture)).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"small", "small64"})
  void theGeneratedSamplesKeepTheirsToo(String sample) {
    try (Capture capture = Capture.open(RealCaptures.checkout().resolve("sample-dumps").resolve(sample))) {
      assertThat(capture.heap().lastUsed()).isNotNull();
      assertThat(pastLastUsed(capture)).isEmpty();
    }
  }

  @Test
  void aLaterAreasTableAllFfInEveryDumpMakesEverySnapshotSuspect() throws IOException {
    Path folder = sample();
    for (int i = 0; i < DUMPS; i++) {
      fill(folder, i);
    }
    try (Capture capture = Capture.open(folder)) {
      HeapDecoder decoder = capture.decoder();
      for (int i = 0; i < DUMPS; i++) {
        HeapStats s = decoder.stats(capture.snapshots().snapshot(i));
        assertThat(s.marked()).isGreaterThanOrEqualTo(996);
        assertThat(s.suspect()).isEqualTo("block 995 of heap area 2 (pool 0x210045e0..0x21008420) is in use, past block 0, the"
            + " highest the collector has allocated there (gc_last_used_block in the area's descriptor, at 0x21004440): its"
            + " allocation table, or that word, is damaged");
      }
    }
  }

  @Test
  void aLaterAreasTableAllFfInOneDumpMakesThatSnapshotSuspect() throws IOException {
    Path folder = sample();
    fill(folder, 2);
    try (Capture capture = Capture.open(folder)) {
      HeapDecoder decoder = capture.decoder();
      List<String> reasons = new ArrayList<>();
      for (int i = 0; i < DUMPS; i++) {
        reasons.add(decoder.stats(capture.snapshots().snapshot(i)).suspect());
      }
      assertThat(reasons.get(0)).isNull();
      assertThat(reasons.get(1)).isNull();
      assertThat(reasons.get(2)).contains("gc_last_used_block");
      assertThat(reasons.get(3)).isNull();
    }
  }

  @Test
  void verifyReportsTheSuspectSnapshotsItChecks() throws IOException {
    Path folder = sample();
    Files.copy(RealCaptures.sampleFolder("mps2-an385-split").resolve("mylog.txt"), folder.resolve("mylog.txt"));
    fill(folder, 1);
    try (Capture capture = Capture.open(folder)) {
      VerifyReport report = CaptureVerifier.verify(capture, folder.resolve("mylog.txt"), SiteRules.MICROPYTHON);
      // the damaged area holds no event's block: every checked event agrees (before, an OK said nothing more)
      assertThat(report.mismatched()).isZero();
      assertThat(report.suspect()).singleElement().asString().startsWith("snapshot 1: block 995 of heap area 2");
    }
  }

  private static List<String> pastLastUsed(Capture capture) {
    HeapDecoder decoder = capture.decoder();
    List<String> out = new ArrayList<>();
    for (long i = 0; i < capture.snapshots().count(); i++) {
      String why = decoder.stats(capture.snapshots().snapshot(i)).suspect();
      if (why != null && why.contains("gc_last_used_block")) {
        out.add("snapshot " + i + ": " + why);
      }
    }
    return out;
  }

  private Path sample() throws IOException {
    return SplitSampleDumps.firstDumps(dir, DUMPS);
  }

  /** The second area's allocation table in dump {@code index} set to 0xFF. */
  private static void fill(Path folder, int index) throws IOException {
    byte[] ff = new byte[SECOND_TABLE_BYTES];
    Arrays.fill(ff, (byte) 0xff);
    try (RandomAccessFile f = new RandomAccessFile(folder.resolve("ram.bin").toFile(), "rw")) {
      f.seek((long) index * DUMP + SECOND_TABLE - RAM);
      f.write(ff);
    }
  }
}
