package io.heapreel.model.open;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.capture.Memory;
import io.heapreel.model.heap.HeapDecoder;
import io.heapreel.model.heap.RootMaps;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.testing.RealCaptures;
import io.heapreel.model.verify.CaptureVerifier;
import io.heapreel.model.verify.VerifyReport;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pools of mps2-an385-split's two areas exchanged, their allocation tables left in place: every
 * table rule and every event of the log agree with such a dump, so it passed every command
 * silently. The VM state's own dicts (dict_main, the loaded modules) count their entries, and their
 * tables in the heap must hold as many keys ({@link RootMaps}); after the swap dict_main's table
 * holds what the other pool held there. No real sample disagrees in any snapshot, with the rule
 * applied to single heaps too (where the product does not check it).
 */
class SwappedPoolsTest {
  private static final int DUMP = SplitSampleDumps.DUMP;
  private static final long RAM = 0x21000000L;
  /** The two pools (sample-dumps/mps2-an385-split/truth.txt): 16,000 and 15,936 bytes; the second's length is exchanged. */
  private static final long FIRST_POOL = 0x210005a0L;
  private static final long SECOND_POOL = 0x210045e0L;
  private static final int EXCHANGED = 0x21008420 - 0x210045e0;
  private static final int DUMPS = 40;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"dev", "mps2-an385", "mps2-an385-auto", "mps2-an385-configs", "mps2-an385-grow", "mps2-an385-native",
      "mps2-an385-oom", "mps2-an385-repr-b", "mps2-an385-repr-c", "mps2-an385-split", "mps2-an500", "virt-rv32", "virt-rv64",
      "small", "small64"})
  void theVmsDictsAgreeWithTheirTablesInEverySnapshotOfTheSamples(String sample) {
    try (Capture capture = Capture.open(RealCaptures.checkout().resolve("sample-dumps").resolve(sample))) {
      RootMaps maps = RootMaps.inState(capture.snapshots(), capture.symbols(), capture.types(), capture.wordSize());
      assertThat(maps).isNotNull();
      assertThat(maps.maps()).as("dict_main and the loaded modules").hasSize(2);
      assertThat(capture.heap().rootMaps() != null).as("checked by the product only for a split heap").isEqualTo(capture.heap().areas().size() > 1);
      HeapDecoder decoder = capture.decoder();
      for (long i = 0; i < capture.snapshots().count(); i++) {
        Memory m = capture.snapshots().snapshot(i);
        assertThat(maps.disagreement(m, capture.heap(), decoder.present(m).areas())).as("snapshot %d", i).isNull();
      }
    }
  }

  @Test
  void poolsSwappedInEveryDumpMakeTheSnapshotsSuspect() throws IOException {
    Path folder = SplitSampleDumps.firstDumps(dir, DUMPS);
    for (int i = 0; i < DUMPS; i++) {
      swap(folder, i);
    }
    try (Capture capture = Capture.open(folder)) {
      HeapDecoder decoder = capture.decoder();
      List<String> reasons = new ArrayList<>();
      for (int i = 0; i < DUMPS; i++) {
        reasons.add(decoder.stats(capture.snapshots().snapshot(i)).suspect());
      }
      // dict_main's first table is allocated at the second event; before it, the dicts have none
      assertThat(reasons.subList(0, 2)).containsOnlyNulls();
      assertThat(reasons.subList(2, DUMPS)).allSatisfy(r -> assertThat(r).startsWith("the VM's dict at 0x2100006c (in mp_state_ctx) counts"));
      assertThat(reasons.get(2)).isEqualTo("the VM's dict at 0x2100006c (in mp_state_ctx) counts 1 entry, but its table at 0x210005c0"
          + " (heap block 2) holds 0 keys: the heap's pools are not where the allocation tables place them (the pools of two areas"
          + " exchanged?), or the dump is damaged");
    }
  }

  @Test
  void poolsSwappedInOneDumpMakeThatSnapshotSuspectAndVerifySaysSo() throws IOException {
    Path folder = SplitSampleDumps.firstDumps(dir, DUMPS);
    Files.copy(RealCaptures.sampleFolder("mps2-an385-split").resolve("mylog.txt"), folder.resolve("mylog.txt"));
    swap(folder, 30);
    try (Capture capture = Capture.open(folder)) {
      HeapDecoder decoder = capture.decoder();
      for (int i = 0; i < DUMPS; i++) {
        String why = decoder.stats(capture.snapshots().snapshot(i)).suspect();
        if (i == 30) {
          assertThat(why).startsWith("the VM's dict at 0x2100006c");
        } else {
          assertThat(why).as("snapshot %d", i).isNull();
        }
      }
      VerifyReport report = CaptureVerifier.verify(capture, folder.resolve("mylog.txt"), SiteRules.MICROPYTHON);
      assertThat(report.mismatched()).as("every table agrees with the log").isZero();
      assertThat(report.suspect()).singleElement().asString().startsWith("snapshot 30: the VM's dict at 0x2100006c");
      assertThat(report.holdsTogether()).as("verify exits 1").isFalse();
    }
  }

  /** The two pools' first {@link #EXCHANGED} bytes exchanged in dump {@code index}. */
  private static void swap(Path folder, int index) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(folder.resolve("ram.bin").toFile(), "rw")) {
      long base = (long) index * DUMP - RAM;
      byte[] first = new byte[EXCHANGED];
      byte[] second = new byte[EXCHANGED];
      f.seek(base + FIRST_POOL);
      f.readFully(first);
      f.seek(base + SECOND_POOL);
      f.readFully(second);
      f.seek(base + FIRST_POOL);
      f.write(second);
      f.seek(base + SECOND_POOL);
      f.write(first);
    }
  }
}
