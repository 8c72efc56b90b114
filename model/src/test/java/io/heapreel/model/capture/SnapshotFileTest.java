package io.heapreel.model.capture;

import io.heapreel.model.error.CaptureException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFileTest {
  private static final RamSpan SPAN = new RamSpan(0x20000000L, 0x20000100L);
  @TempDir Path dir;

  /** Snapshot i holds the word i at every word position. */
  private Path dumps(int snapshots, int extraBytes) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(snapshots * 256 + extraBytes).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < snapshots; i++) {
      for (int w = 0; w < 64; w++) {
        b.putInt(i * 256 + w * 4, i);
      }
    }
    return Files.write(dir.resolve("ram.bin"), b.array());
  }

  @Test
  void countsSnapshotsByArithmeticAndReportsAPartialOne() throws IOException {
    try (SnapshotFile f = SnapshotFile.open(dumps(5, 100), SPAN)) {
      assertThat(f.count()).isEqualTo(5);
      assertThat(f.partialBytes()).isEqualTo(100);
      assertThat(f.partialOffset()).isEqualTo(1280);
    }
  }

  @Test
  void readsEverySnapshotAcrossSmallWindows() throws IOException {
    try (SnapshotFile f = MappedSnapshotFile.open(dumps(10, 0), SPAN, 3 * 256)) {
      for (int i = 9; i >= 0; i--) {
        Snapshot s = f.snapshot(i);
        assertThat(s.u32(0x20000000L)).isEqualTo(i);
        assertThat(s.u32(0x200000fcL)).isEqualTo(i);
        assertThat(s.contains(0x200000fcL, 4)).isTrue();
        assertThat(s.contains(0x200000fdL, 4)).isFalse();
      }
    }
  }

  @Test
  void readsSnapshotsBeyondTwoGibibytes() throws IOException {
    Path big = dir.resolve("big.bin");
    long snapshots = (3L << 30) / 256 + 1;
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(snapshots * 256); // sparse: costs no disk
      f.seek((snapshots - 1) * 256);
      f.write(new byte[] {0x78, 0x56, 0x34, 0x12});
    }
    try (SnapshotFile f = SnapshotFile.open(big, SPAN)) {
      assertThat(f.count()).isEqualTo(snapshots);
      assertThat(f.snapshot(snapshots - 1).u32(0x20000000L)).isEqualTo(0x12345678L);
      assertThat(f.snapshot(0).u32(0x20000000L)).isZero();
    }
  }

  @Test
  void refusesAFileShorterThanOneSpan() throws IOException {
    Path small = Files.write(dir.resolve("ram.bin"), new byte[100]);
    assertThatThrownBy(() -> SnapshotFile.open(small, SPAN))
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("ram.bin: 100 bytes is shorter than one snapshot");
  }

  @Test
  void refusesAnEmptyOrMissingFile() throws IOException {
    Path empty = Files.write(dir.resolve("ram.bin"), new byte[0]);
    assertThatThrownBy(() -> SnapshotFile.open(empty, SPAN)).hasMessageContaining("ram.bin: the file is empty");
    assertThatThrownBy(() -> SnapshotFile.open(dir.resolve("nope.bin"), SPAN)).hasMessageContaining("nope.bin: no such file");
  }
}
