package io.heapreel.model.capture;

import io.heapreel.model.error.CaptureException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * ram.bin.xz and ram.bin.zst read in place. The files are made here with the xz and zstd libraries
 * directly, block by block, from dumps whose every word says which snapshot it is in.
 */
class CompressedSnapshotFileTest {
  private static final RamSpan SPAN = new RamSpan(0x20000000L, 0x20000100L);
  private static final int S = 256;
  @TempDir Path dir;

  /** Snapshot i: word w holds i * 1000 + w. */
  private static byte[] dumps(int snapshots) {
    ByteBuffer b = ByteBuffer.allocate(snapshots * S).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < snapshots; i++) {
      for (int w = 0; w < S / 4; w++) {
        b.putInt(i * S + w * 4, i * 1000 + w);
      }
    }
    return b.array();
  }

  /** An xz file whose blocks hold the given numbers of bytes of {@code data}, in order. */
  private Path xz(String name, byte[] data, int... blockBytes) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (XZOutputStream xz = new XZOutputStream(bytes, new LZMA2Options(1))) {
      int at = 0;
      for (int n : blockBytes) {
        xz.write(data, at, n);
        xz.endBlock();
        at += n;
      }
      assertThat(at).isEqualTo(data.length);
    }
    return Files.write(dir.resolve(name), bytes.toByteArray());
  }

  /** A zstd file of one frame per block (each records its content size). */
  private Path zstd(String name, byte[] data, int... blockBytes) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int at = 0;
    for (int n : blockBytes) {
      bytes.write(Zstd.compress(Arrays.copyOfRange(data, at, at + n), 3));
      at += n;
    }
    return Files.write(dir.resolve(name), bytes.toByteArray());
  }

  private static void assertSnapshot(SnapshotFile f, int i) {
    Snapshot s = f.snapshot(i);
    assertThat(s.index()).isEqualTo(i);
    assertThat(s.length()).isEqualTo(S);
    assertThat(s.u32(0x20000000L)).as("snapshot %d, first word", i).isEqualTo(i * 1000L);
    assertThat(s.u32(0x200000fcL)).as("snapshot %d, last word", i).isEqualTo(i * 1000L + 63);
  }

  @Test
  void readsMultiBlockXzInAnyOrder() throws IOException {
    Path file = xz("ram.bin.xz", dumps(40), 10 * S, 10 * S, 10 * S, 10 * S);
    try (SnapshotFile f = SnapshotFile.open(file, SPAN)) {
      assertThat(f).isInstanceOf(CompressedSnapshotFile.class);
      assertThat(f.count()).isEqualTo(40);
      assertThat(f.snapshotsPerPart()).isEqualTo(10);
      assertThat(f.partialWarning()).isEmpty();
      assertThat(f.note()).isEmpty();
      for (int i : new int[] {39, 0, 25, 24, 26, 9, 10, 11, 30}) {
        assertSnapshot(f, i);
      }
      for (int i = 0; i < 40; i++) {
        assertSnapshot(f, i);
      }
    }
  }

  /** What heapreel pack wrote before it joined its blocks into one stream: an xz stream per block. */
  @Test
  void readsXzOfOneStreamPerBlock() throws IOException {
    byte[] data = dumps(25);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int first = 0; first < 25; first += 10) {
      ByteArrayOutputStream stream = new ByteArrayOutputStream();
      try (XZOutputStream xz = new XZOutputStream(stream, new LZMA2Options(1))) {
        xz.write(data, first * S, Math.min(10, 25 - first) * S);
      }
      stream.writeTo(bytes);
    }
    Path file = Files.write(dir.resolve("ram.bin.xz"), bytes.toByteArray());
    try (org.tukaani.xz.SeekableXZInputStream xz = new org.tukaani.xz.SeekableXZInputStream(new org.tukaani.xz.SeekableFileInputStream(file.toFile()))) {
      assertThat(xz.getStreamCount()).isEqualTo(3);
    }
    try (SnapshotFile f = SnapshotFile.open(file, SPAN)) {
      assertThat(f.count()).isEqualTo(25);
      assertThat(f.snapshotsPerPart()).isEqualTo(10);
      assertThat(f.partialWarning()).isEmpty();
      for (int i : new int[] {24, 0, 10, 9, 20, 19, 5}) {
        assertSnapshot(f, i);
      }
    }
  }

  @Test
  void readsMultiFrameZstdAndAReopenedReaderToo() throws IOException {
    Path file = zstd("ram.bin.zst", dumps(30), 8 * S, 8 * S, 8 * S, 6 * S);
    try (SnapshotFile f = SnapshotFile.open(file, SPAN);
        SnapshotFile other = f.reopen()) {
      assertThat(f.count()).isEqualTo(30);
      assertThat(f.snapshotsPerPart()).isEqualTo(8);
      for (int i : new int[] {29, 0, 17, 16, 15, 8, 7}) {
        assertSnapshot(f, i);
        assertSnapshot(other, 29 - i);
      }
    }
  }

  /** {@code file}, counting in {@code opens[0]} the channels opened: a decompression started at a block. */
  private static ByteSource counting(Path file, int[] opens) {
    return new ByteSource() {
      @Override
      public String name() {
        return file.toString();
      }

      @Override
      public java.nio.channels.SeekableByteChannel open() throws IOException {
        opens[0]++;
        return java.nio.channels.FileChannel.open(file);
      }
    };
  }

  /**
   * The log replay's order of reads: each event's snapshot, then the one before it (to type what
   * the next event ends), then on. In a file of one frame too large to hold in memory a step back
   * restarts decompression from the file's start (a fresh channel); the last snapshots read are
   * kept, so the whole pass opens the file once.
   */
  @Test
  void stepsBackToARecentSnapshotDoNotDecompressAgain() throws IOException {
    Path file = zstd("ram.bin.zst", dumps(40), 40 * S);
    int[] opens = {0};
    try (SnapshotFile f = CompressedSnapshotFile.open(counting(file, opens), SPAN, 40 * S - 1)) {
      assertThat(f.note()).isPresent();
      int atOpen = opens[0];
      assertSnapshot(f, 0);
      for (int i = 1; i < 40; i++) {
        assertSnapshot(f, i);
        assertSnapshot(f, i - 1);
        assertSnapshot(f, i);
      }
      assertThat(opens[0] - atOpen).as("decompressions started").isEqualTo(1);
      assertSnapshot(f, 0); // not recent: from the start again
      assertThat(opens[0] - atOpen).isEqualTo(2);
    }
  }

  /**
   * Blocks that fit in memory: the replay's order of reads (each snapshot, the one before, the same
   * again) and a decode's (a block's snapshots in order) decompress each block once, in one stream
   * through the file, also across block boundaries (the step back to the previous block's last
   * snapshot); snapshots are views that keep their bytes after later reads; a block read again
   * after two others is decompressed again.
   */
  @Test
  void theLastTwoBlocksAreKeptSoEachIsDecompressedOnce() throws IOException {
    Path file = zstd("ram.bin.zst", dumps(40), 10 * S, 10 * S, 10 * S, 10 * S);
    int[] opens = {0};
    try (SnapshotFile f = SnapshotFile.open(counting(file, opens), SPAN)) {
      int atOpen = opens[0];
      Snapshot first = f.snapshot(0);
      for (int i = 1; i < 40; i++) {
        assertSnapshot(f, i);
        assertSnapshot(f, i - 1);
        assertSnapshot(f, i);
      }
      assertThat(opens[0] - atOpen).as("decompressions started").isEqualTo(1);
      assertThat(first.u32(0x20000000L)).as("a view read first keeps its bytes").isEqualTo(0);
      assertThat(first.u32(0x200000fcL)).isEqualTo(63);
      assertSnapshot(f, 25); // the block before the last: kept
      assertThat(opens[0] - atOpen).isEqualTo(1);
      assertSnapshot(f, 5); // two blocks back: decompressed again
      assertThat(opens[0] - atOpen).isEqualTo(2);
    }
  }

  @Test
  void aSingleBlockIsReadWholeWithANoteOnRepacking() throws IOException {
    Path file = xz("ram.bin.xz", dumps(12), 12 * S);
    try (SnapshotFile f = SnapshotFile.open(file, SPAN)) {
      assertThat(f.count()).isEqualTo(12);
      assertThat(f.snapshotsPerPart()).isEqualTo(12);
      assertThat(f.note()).get().asString().contains("one xz block").contains("heapreel pack");
      assertSnapshot(f, 11);
      assertSnapshot(f, 3);
    }
  }

  @Test
  void blocksOfOneSizeAreReadAcrossSnapshotBoundaries() throws IOException {
    // what xz -T writes: blocks of a fixed byte size, whatever the span (1000 is not a multiple of 256)
    byte[] data = dumps(20);
    Path file = xz("ram.bin.xz", data, 1000, 1000, 1000, 1000, 1000, data.length - 5000);
    try (SnapshotFile f = SnapshotFile.open(file, SPAN)) {
      assertThat(f.count()).isEqualTo(20);
      assertThat(f.partialWarning()).isEmpty();
      for (int i : new int[] {3, 19, 0, 7, 8, 4}) {
        assertSnapshot(f, i);
      }
    }
  }

  @Test
  void aFrameBoundaryInsideASnapshotEndsTheReadablePart() throws IOException {
    // one frame per dump, as written while capturing; the fourth dump was cut short at 100 bytes
    byte[] data = dumps(8);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long compressedOffsetOfFifth = 0;
    for (int i = 0; i < 8; i++) {
      int length = i == 3 ? 100 : S;
      if (i == 4) {
        compressedOffsetOfFifth = bytes.size();
      }
      bytes.write(Zstd.compress(Arrays.copyOfRange(data, i * S, i * S + length), 3));
    }
    Path file = Files.write(dir.resolve("ram.bin.zst"), bytes.toByteArray());
    try (SnapshotFile f = SnapshotFile.open(file, SPAN)) {
      assertThat(f.count()).isEqualTo(3);
      assertThat(f.partialWarning())
          .get()
          .asString()
          .contains(file.toString())
          .contains("zstd frame 3 ends at uncompressed offset " + (3 * S + 100))
          .contains("compressed offset " + compressedOffsetOfFifth)
          .contains("inside snapshot 3");
      assertThat(f.partialBytes()).isEqualTo(100 + 4 * S);
      for (int i = 0; i < 3; i++) {
        assertSnapshot(f, i);
      }
      assertThatThrownBy(() -> f.snapshot(3)).isInstanceOf(CaptureException.class).hasMessageContaining("no snapshot 3");
    }
  }

  @Test
  void aCutZstdFileKeepsTheSnapshotsBeforeTheCut() throws IOException {
    Path whole = zstd("whole.zst", dumps(30), 10 * S, 10 * S, 10 * S);
    byte[] bytes = Files.readAllBytes(whole);
    Path file = Files.write(dir.resolve("ram.bin.zst"), Arrays.copyOf(bytes, bytes.length - 5));
    try (SnapshotFile f = SnapshotFile.open(file, SPAN)) {
      assertThat(f.count()).isBetween(20L, 29L);
      assertThat(f.partialWarning())
          .get()
          .asString()
          .contains(file.toString())
          .contains("cut short in frame 2")
          .contains("the file ends at " + (bytes.length - 5));
      for (int i = 0; i < f.count(); i++) {
        assertSnapshot(f, i);
      }
    }
  }

  @Test
  void aCutXzFileKeepsTheSnapshotsBeforeTheCut() throws IOException {
    Path whole = xz("whole.xz", dumps(30), 10 * S, 10 * S, 10 * S);
    byte[] bytes = Files.readAllBytes(whole);
    Path file = Files.write(dir.resolve("ram.bin.xz"), Arrays.copyOf(bytes, bytes.length * 2 / 3));
    try (SnapshotFile f = SnapshotFile.open(file, SPAN)) {
      assertThat(f.count()).isBetween(10L, 29L);
      assertThat(f.partialWarning())
          .get()
          .asString()
          .contains(file.toString())
          .contains("cut short or damaged near compressed offset");
      for (int i = (int) f.count() - 1; i >= 0; i--) {
        assertSnapshot(f, i);
      }
    }
  }

  /** Blocks held in memory and blocks streamed (larger than the limit) fail the same snapshots. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(longs = {BlockBuffers.MAX_BLOCK_BYTES, 0})
  void aCorruptBlockFailsItsSnapshotsNamingTheFileAndOffsetAndSparesTheOthers(long maxBlockBytes) throws IOException {
    byte[] data = dumps(30);
    Path file = xz("ram.bin.xz", data, 10 * S, 10 * S, 10 * S);
    // the compressed offsets of the blocks, from xz's own index
    long secondBlock;
    try (var xz = new org.tukaani.xz.SeekableXZInputStream(new org.tukaani.xz.SeekableFileInputStream(file.toFile()))) {
      secondBlock = xz.getBlockCompPos(1);
      long length = xz.getBlockCompSize(1);
      byte[] bytes = Files.readAllBytes(file);
      for (long p = secondBlock + length / 2; p < secondBlock + length / 2 + 8; p++) {
        bytes[(int) p] ^= 0x5a;
      }
      Files.write(file, bytes);
    }
    try (SnapshotFile f = CompressedSnapshotFile.open(ByteSource.of(file), SPAN, maxBlockBytes)) {
      assertThat(f.count()).isEqualTo(30);
      for (int i = 0; i < 10; i++) {
        assertSnapshot(f, i);
      }
      assertThatThrownBy(() -> {
            for (int i = 10; i < 20; i++) {
              f.snapshot(i);
            }
          })
          .isInstanceOf(CaptureException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("xz block 1 (compressed offset " + secondBlock + ") is damaged");
      assertThatThrownBy(() -> f.snapshot(19)).isInstanceOf(CaptureException.class).hasMessageContaining("xz block 1");
      for (int i = 20; i < 30; i++) {
        assertSnapshot(f, i);
      }
    }
  }

  @Test
  void findsTheCompressedFileInACaptureFolderWhenRamBinIsAbsent() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("capture"));
    Files.write(folder.resolve("ram.bin.zst"), Zstd.compress(dumps(2), 3));
    assertThat(CaptureFiles.inFolder(folder).ram()).isEqualTo(folder.resolve("ram.bin.zst"));
    Files.write(folder.resolve("ram.bin.xz"), new byte[] {1});
    assertThat(CaptureFiles.inFolder(folder).ram()).isEqualTo(folder.resolve("ram.bin.xz"));
    Files.write(folder.resolve("ram.bin"), dumps(2));
    assertThat(CaptureFiles.inFolder(folder).ram()).isEqualTo(folder.resolve("ram.bin"));
  }

  @Test
  void tellsTheFormatByItsFirstBytesNotItsName() throws IOException {
    Path zst = zstd("dumps.dat", dumps(4), 4 * S);
    assertThat(RamFormat.of(zst)).isEqualTo(RamFormat.ZSTD);
    assertThat(RamFormat.of(xz("other.dat", dumps(4), 4 * S))).isEqualTo(RamFormat.XZ);
    assertThat(RamFormat.of(Files.write(dir.resolve("ram.bin.xz"), dumps(4)))).isEqualTo(RamFormat.RAW);
    try (SnapshotFile f = SnapshotFile.open(zst, SPAN)) {
      assertSnapshot(f, 3);
    }
  }
}
