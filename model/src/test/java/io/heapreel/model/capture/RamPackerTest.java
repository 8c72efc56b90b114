package io.heapreel.model.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.SeekableFileInputStream;
import org.tukaani.xz.SeekableXZInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * pack's output read back by the xz and zstd libraries themselves (whole-file decompression, xz's
 * own block index, zstd's frame headers), and by heapreel's reader, against the input bytes.
 */
class RamPackerTest {
  /** A span that does not divide 8 MiB: 200,000 bytes, 41 snapshots a block. */
  private static final RamSpan SPAN = new RamSpan(0x20000000L, 0x20000000L + 200_000);
  private static final int S = 200_000;
  private static final int PER_BLOCK = (8 << 20) / S;
  @TempDir Path dir;

  /** Snapshot i: word w holds i * 7 + w % 97, a little of it changing from one to the next. */
  private Path ram(int snapshots, int extra) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(snapshots * S + extra).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < snapshots; i++) {
      for (int w = 0; w < S / 4; w++) {
        b.putInt(i * S + w * 4, w % 1000 == 0 ? i * 7 : w % 97);
      }
    }
    return Files.write(dir.resolve("ram.bin"), b.array());
  }

  private static RamPacker.Result pack(Path ram, RamFormat format, Path out, List<Long> progress) {
    try (SnapshotFile source = SnapshotFile.open(ram, SPAN)) {
      return new RamPacker(format, RamPacker.defaultLevel(format), 2).pack(source, out, (done, total, bytes) -> progress.add(done));
    }
  }

  @Test
  void xzBlocksHoldWholeSnapshotsAndDecompressToTheInput() throws IOException {
    Path ram = ram(100, 1234);
    byte[] whole = Files.readAllBytes(ram);
    List<Long> progress = new ArrayList<>();
    Path out = dir.resolve("ram.bin.xz");
    RamPacker.Result r = pack(ram, RamFormat.XZ, out, progress);
    assertThat(PER_BLOCK).isEqualTo(41);
    assertThat(r.snapshots()).isEqualTo(100);
    assertThat(r.blocks()).isEqualTo(3);
    assertThat(r.compressedBytes()).isEqualTo(Files.size(out));
    assertThat(progress).containsExactly(41L, 82L, 100L);
    assertThat(dir.resolve(".ram.bin.xz.partial")).doesNotExist();
    try (InputStream in = new XZInputStream(Files.newInputStream(out))) {
      assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOf(whole, 100 * S));
    }
    try (SeekableXZInputStream xz = new SeekableXZInputStream(new SeekableFileInputStream(out.toFile()))) {
      assertThat(xz.getStreamCount()).isEqualTo(1);
      assertThat(xz.getBlockCount()).isEqualTo(3);
      assertThat(xz.getBlockSize(0)).isEqualTo(41L * S);
      assertThat(xz.getBlockSize(1)).isEqualTo(41L * S);
      assertThat(xz.getBlockSize(2)).isEqualTo(18L * S);
      assertThat(xz.getCheckTypes()).as("CRC32 checks only (bit 1 << XZ.CHECK_CRC32)").isEqualTo(1 << org.tukaani.xz.XZ.CHECK_CRC32);
    }
    try (SnapshotFile f = SnapshotFile.open(out, SPAN)) {
      assertThat(f.count()).isEqualTo(100);
      assertThat(f.snapshotsPerPart()).isEqualTo(41);
      assertThat(f.partialWarning()).isEmpty();
      for (int i : new int[] {99, 0, 41, 40, 82, 57}) {
        assertThat(f.snapshot(i).u32(0x20000000L)).isEqualTo(i * 7L);
      }
    }
  }

  /**
   * Opening a packed xz file reads its one index at the end and its header at the start, not the
   * whole file, nor the ends of its blocks: with dumps that compress badly (8 KB of noise each,
   * blocks of 330 KB), that is two fills of the reader's 64 KiB buffer (three streams would need six).
   */
  @Test
  void anXzFileIsOpenedByItsOneIndex() throws IOException {
    byte[] noise = new byte[83 * S];
    java.util.Random random = new java.util.Random(18);
    for (int i = 0; i < 83; i++) {
      byte[] some = new byte[8192];
      random.nextBytes(some);
      System.arraycopy(some, 0, noise, i * S + 4096, some.length);
    }
    Path ram = Files.write(dir.resolve("ram.bin"), noise);
    Path out = dir.resolve("ram.bin.xz");
    assertThat(pack(ram, RamFormat.XZ, out, new ArrayList<>()).blocks()).isEqualTo(3);
    long[] read = {0};
    ByteSource counting = new ByteSource() {
      @Override
      public String name() {
        return out.toString();
      }

      @Override
      public java.nio.channels.SeekableByteChannel open() throws IOException {
        return new CountingChannel(java.nio.channels.FileChannel.open(out), read);
      }
    };
    BlockIndex index = XzBlocks.index(counting);
    assertThat(index.blocks()).isEqualTo(3);
    assertThat(index.starts()).containsExactly(0L, 41L * S, 82L * S);
    assertThat(index.readable()).isEqualTo(83L * S);
    assertThat(Files.size(out)).isGreaterThan(83L * 8192);
    assertThat(read[0]).as("bytes read to open %,d", Files.size(out)).isLessThan(3 << 16);
  }

  /** A channel that adds up the bytes read through it. */
  private record CountingChannel(java.nio.channels.FileChannel file, long[] read) implements java.nio.channels.SeekableByteChannel {
    @Override
    public int read(ByteBuffer dst) throws IOException {
      int n = file.read(dst);
      read[0] += Math.max(0, n);
      return n;
    }

    @Override
    public int write(ByteBuffer src) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long position() throws IOException {
      return file.position();
    }

    @Override
    public java.nio.channels.SeekableByteChannel position(long p) throws IOException {
      file.position(p);
      return this;
    }

    @Override
    public long size() throws IOException {
      return file.size();
    }

    @Override
    public java.nio.channels.SeekableByteChannel truncate(long size) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean isOpen() {
      return file.isOpen();
    }

    @Override
    public void close() throws IOException {
      file.close();
    }
  }

  @Test
  void zstdFramesHoldWholeSnapshotsWithASeekTable() throws IOException {
    Path ram = ram(90, 0);
    byte[] whole = Files.readAllBytes(ram);
    Path out = dir.resolve("ram.bin.zst");
    RamPacker.Result r = pack(ram, RamFormat.ZSTD, out, new ArrayList<>());
    assertThat(r.blocks()).isEqualTo(3);
    try (InputStream in = new ZstdInputStream(Files.newInputStream(out))) {
      assertThat(in.readAllBytes()).isEqualTo(whole);
    }
    // the frames, walked with zstd's own functions: sizes 41, 41 and 8 snapshots, then the seek table
    byte[] packed = Files.readAllBytes(out);
    List<Long> contents = new ArrayList<>();
    int at = 0;
    for (int i = 0; i < 3; i++) {
      contents.add(Zstd.getFrameContentSize(packed, at, packed.length - at));
      at += (int) Zstd.findFrameCompressedSize(packed, at);
    }
    assertThat(contents).containsExactly(41L * S, 41L * S, 8L * S);
    ByteBuffer tail = ByteBuffer.wrap(packed, at, packed.length - at).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(tail.getInt()).isEqualTo(0x184D2A5E);
    assertThat(tail.getInt()).isEqualTo(packed.length - at - 8);
    assertThat(packed.length - at).isEqualTo(8 + 3 * 8 + 9);
    try (SnapshotFile f = SnapshotFile.open(out, SPAN)) {
      assertThat(f.count()).isEqualTo(90);
      assertThat(f.snapshotsPerPart()).isEqualTo(41);
      for (int i : new int[] {89, 0, 41, 82, 40}) {
        assertThat(f.snapshot(i).u32(0x20000000L)).isEqualTo(i * 7L);
      }
    }
  }

  @Test
  void repacksACompressedFileInPlace() throws IOException {
    Path ram = ram(50, 0);
    Path single = dir.resolve("ram.bin.xz");
    try (var out = new org.tukaani.xz.XZOutputStream(Files.newOutputStream(single), new org.tukaani.xz.LZMA2Options(1))) {
      out.write(Files.readAllBytes(ram));
    }
    try (SnapshotFile source = SnapshotFile.open(single, SPAN)) {
      assertThat(source.note()).isPresent();
      new RamPacker(RamFormat.XZ, 1, 2).pack(source, single, (d, t, b) -> {});
    }
    try (SnapshotFile f = SnapshotFile.open(single, SPAN)) {
      assertThat(f.note()).isEmpty();
      assertThat(f.snapshotsPerPart()).isEqualTo(41);
      assertThat(f.snapshot(49).u32(0x20000000L)).isEqualTo(49 * 7L);
    }
  }
}
