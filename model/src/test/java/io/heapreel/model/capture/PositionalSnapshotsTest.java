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

  @Test
  void aPartIsTheSnapshotsBytesAtItsAddressesByOneReadAndNothingElse() throws IOException {
    byte[] bytes = new byte[3 * S];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 7 + i / S);
    }
    Path file = Files.write(dir.resolve("ram.bin"), bytes);
    RamSpan part = new RamSpan(START + 1000, START + 1300);
    try (PositionalSnapshots f = PositionalSnapshots.open(file, SPAN, 3)) {
      for (int i : new int[] {2, 0, 1}) {
        Memory m = f.part(i, part);
        for (int a = 1000; a < 1300; a++) {
          assertThat(m.u8(START + a)).as("snapshot %d, byte %d", i, a).isEqualTo(bytes[i * S + a] & 0xff);
        }
        assertThat(m.bytes(START + 1296, 4)).containsExactly(bytes[i * S + 1296], bytes[i * S + 1297], bytes[i * S + 1298], bytes[i * S + 1299]);
        assertThat(m.contains(START + 1000, 300)).isTrue();
        assertThat(m.contains(START + 999, 1)).isFalse();
        assertThat(m.contains(START + 1297, 4)).isFalse();
        assertThatThrownBy(() -> m.u32(START + 1298)).isInstanceOf(IndexOutOfBoundsException.class);
      }
      Memory wider = f.part(1, new RamSpan(START, START + S));
      assertThat(wider.u8(START + S - 1)).as("a larger part after a smaller one").isEqualTo(bytes[2 * S - 1] & 0xff);
      assertThatThrownBy(() -> f.part(3, part)).isInstanceOf(CaptureException.class).hasMessageContaining("no snapshot 3");
      assertThatThrownBy(() -> f.part(0, new RamSpan(START + S - 2, START + S + 2))).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
