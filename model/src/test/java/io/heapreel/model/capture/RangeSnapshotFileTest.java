package io.heapreel.model.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An uncompressed ram.bin read by byte ranges through a channel, as from a filesystem that is not mapped. */
class RangeSnapshotFileTest {
  /** 1 MiB snapshots: four to a fetched window. */
  private static final int S = 1 << 20;
  private static final RamSpan SPAN = new RamSpan(0x20000000L, 0x20000000L + S);
  @TempDir Path dir;

  @Test
  void readsEverySnapshotAcrossWindowsInAnyOrderAndReportsAPartialOne() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(10 * S + 99).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 10; i++) {
      b.putInt(i * S, i);
      b.putInt(i * S + S - 4, 1000 + i);
    }
    Path file = Files.write(dir.resolve("ram.bin"), b.array());
    try (SnapshotFile f = SnapshotFile.open(ByteSource.of(file), SPAN)) {
      assertThat(f).isInstanceOf(RangeSnapshotFile.class);
      assertThat(f.count()).isEqualTo(10);
      assertThat(f.partialBytes()).isEqualTo(99);
      assertThat(f.partialWarning()).get().asString().contains(file.toString()).contains("offset " + 10L * S);
      Snapshot kept = f.snapshot(1);
      for (int i : new int[] {9, 0, 5, 4, 3, 8, 2, 7, 6, 1}) {
        Snapshot s = f.snapshot(i);
        assertThat(s.u32(0x20000000L)).isEqualTo(i);
        assertThat(s.u32(0x20000000L + S - 4)).isEqualTo(1000 + i);
      }
      assertThat(kept.u32(0x20000000L + S - 4)).as("a snapshot stays valid after others are fetched").isEqualTo(1001);
    }
  }
}
