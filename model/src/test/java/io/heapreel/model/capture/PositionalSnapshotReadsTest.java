package io.heapreel.model.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapreel.model.error.CaptureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole snapshots of a plain ram.bin read positionally, against the mapped file's snapshots of the same bytes. */
class PositionalSnapshotReadsTest {
  private static final int S = 4096 + 24;
  private static final long START = 0x20000000L;
  private static final RamSpan SPAN = new RamSpan(START, START + S);
  @TempDir Path dir;

  @Test
  void eachSnapshotHoldsTheMappedSnapshotsBytes() throws IOException {
    byte[] bytes = new byte[3 * S + 100]; // and a partial trailing snapshot, not read
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 31 + i / S);
    }
    Path file = Files.write(dir.resolve("ram.bin"), bytes);
    try (SnapshotFile mapped = SnapshotFile.open(file, SPAN); PositionalSnapshotReads read = PositionalSnapshotReads.open(file, SPAN, mapped.count())) {
      assertThat(mapped.count()).isEqualTo(3);
      for (long i : new long[] {2, 0, 1, 1}) {
        Snapshot s = read.snapshot(i);
        Snapshot m = mapped.snapshot(i);
        assertThat(s.index()).isEqualTo(i);
        assertThat(s.start()).isEqualTo(START);
        assertThat(s.end()).isEqualTo(START + S);
        byte[] got = new byte[S];
        byte[] want = new byte[S];
        s.copyTo(got, 0);
        m.copyTo(want, 0);
        assertThat(got).isEqualTo(want);
        assertThat(s.word(START + S - 8, 8)).isEqualTo(m.word(START + S - 8, 8));
        assertThat(s.word(START + 12, 4)).isEqualTo(m.word(START + 12, 4));
      }
      assertThatThrownBy(() -> read.snapshot(3)).isInstanceOf(CaptureException.class).hasMessageContaining("no snapshot 3");
      assertThatThrownBy(() -> read.snapshot(-1)).isInstanceOf(CaptureException.class);
    }
  }
}
