package io.heapreel.model.open;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.heap.HeapArea;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real split-heap sample (mps2-an385-split: two areas, the second's descriptor at 0x21004428,
 * put there by gc_add) with that descriptor damaged. Before, the descriptors were only looked for
 * in snapshot 0 by their shape: one damaged there left the second area (996 of 1996 blocks) out of
 * every figure with no word, exit 0.
 */
class SplitHeapDescriptorDamageTest {
  private static final int DUMP = SplitSampleDumps.DUMP;
  private static final long RAM = 0x21000000L;
  private static final long SECOND_DESCRIPTOR = 0x21004428L;
  private static final int DUMPS = 4;

  @TempDir Path dir;

  @Test
  void theSoundCaptureHasBothAreasAndNoWarning() throws IOException {
    Capture capture = Capture.open(sample());
    assertThat(capture.heap().areas()).hasSize(2);
    assertThat(capture.warnings()).isEmpty();
  }

  @Test
  void anAreaDamagedInSnapshotZeroIsTakenFromALaterDump() throws IOException {
    Path folder = sample();
    damage(folder, 0);
    Capture capture = Capture.open(folder);
    List<HeapArea> areas = capture.heap().areas();
    assertThat(areas).hasSize(2);
    assertThat(areas.get(1).poolStart()).isEqualTo(0x210045e0L);
    assertThat(areas.get(1).poolEnd()).isEqualTo(0x21008420L);
    assertThat(capture.warnings()).singleElement().asString()
        .contains("ram.bin offset " + (SECOND_DESCRIPTOR - RAM))
        .contains("snapshot 0 does not hold the heap area descriptor at 0x21004428");
  }

  @Test
  void anAreaDamagedInEveryDumpIsLeftOutWithAWarning() throws IOException {
    Path folder = sample();
    for (int i = 0; i < DUMPS; i++) {
      damage(folder, i);
    }
    Capture capture = Capture.open(folder);
    assertThat(capture.heap().areas()).hasSize(1);
    assertThat(capture.warnings()).singleElement().asString()
        .contains("ram.bin offset " + (SECOND_DESCRIPTOR - RAM))
        .contains("no sampled dump holds")
        .contains("left out of every figure");
  }

  private Path sample() throws IOException {
    return SplitSampleDumps.firstDumps(dir, DUMPS);
  }

  /** The second area's descriptor words in dump {@code index} set to 0xFF. */
  private static void damage(Path folder, int index) throws IOException {
    byte[] ff = new byte[24];
    Arrays.fill(ff, (byte) 0xff);
    try (RandomAccessFile f = new RandomAccessFile(folder.resolve("ram.bin").toFile(), "rw")) {
      f.seek((long) index * DUMP + SECOND_DESCRIPTOR - RAM);
      f.write(ff);
    }
  }
}
