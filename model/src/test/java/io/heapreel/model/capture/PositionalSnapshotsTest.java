package io.heapreel.model.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapreel.model.error.CaptureException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values of a plain ram.bin's snapshots read by positional reads, against the bytes the test wrote. */
class PositionalSnapshotsTest {
  private static final int S = 4096;
  private static final long START = 0x20000000L;
  private static final RamSpan SPAN = new RamSpan(START, START + S);
  @TempDir Path dir;

  @Test
  void readsLittleEndianValuesOfEachSnapshotAndNothingOutsideItsSpan() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(3 * S).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 3; i++) {
      b.put(i * S + 7, (byte) (0xa0 + i));
      b.putShort(i * S + 100, (short) (0xfe00 + i));
      b.putInt(i * S + S - 4, 0xdead0000 + i);
      b.putLong(i * S + 200, 0x8000_0000_0000_0001L + i);
    }
    Path file = Files.write(dir.resolve("ram.bin"), b.array());
    try (PositionalSnapshots f = PositionalSnapshots.open(file, SPAN, 3)) {
      Memory first = f.snapshot(0);
      for (int i : new int[] {2, 0, 1}) {
        Memory s = f.snapshot(i);
        assertThat(s.u8(START + 7)).isEqualTo(0xa0 + i);
        assertThat(s.u8(START + 8)).isZero();
        assertThat(s.u16(START + 100)).isEqualTo(0xfe00 + i);
        assertThat(s.u32(START + S - 4)).isEqualTo(0xdead0000L + i);
        assertThat(s.u64(START + 200)).isEqualTo(0x8000_0000_0000_0001L + i);
        assertThat(s.word(START + S - 4, 4)).isEqualTo(0xdead0000L + i);
      }
      assertThat(first.u8(START + 7)).as("a snapshot read again after others").isEqualTo(0xa0);
      assertThat(first.contains(START + S - 4, 4)).isTrue();
      assertThat(first.contains(START + S - 3, 4)).isFalse();
      assertThat(first.contains(START - 1, 1)).isFalse();
      assertThatThrownBy(() -> first.u32(START + S - 2)).isInstanceOf(IndexOutOfBoundsException.class);
      assertThatThrownBy(() -> f.snapshot(3)).isInstanceOf(CaptureException.class).hasMessageContaining("no snapshot 3");
    }
  }
}
