package io.heapreel.model.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapreel.model.error.CaptureException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Snapshots read and worked on ahead of a reader: the reader gets the snapshot it asks for in any
 * order, the work's results come in snapshot order, each once, and the thread stays at most
 * {@code ahead} snapshots ahead. The dumps are made here: word w of snapshot i holds i * 1000 + w.
 */
class SnapshotsAheadTest {
  private static final RamSpan SPAN = new RamSpan(0x20000000L, 0x20000040L);
  private static final int S = 64;
  private static final int COUNT = 40;
  @TempDir Path dir;

  private static byte[] dumps() {
    ByteBuffer b = ByteBuffer.allocate(COUNT * S).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < COUNT; i++) {
      for (int w = 0; w < S / 4; w++) {
        b.putInt(i * S + w * 4, i * 1000 + w);
      }
    }
    return b.array();
  }

  private Path plain() throws IOException {
    return Files.write(dir.resolve("ram.bin"), dumps());
  }

  /** ram.bin.xz in blocks of 8 snapshots. */
  private Path xz() throws IOException {
    byte[] data = dumps();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (XZOutputStream xz = new XZOutputStream(bytes, new LZMA2Options(1))) {
      for (int at = 0; at < data.length; at += 8 * S) {
        xz.write(data, at, 8 * S);
        xz.endBlock();
      }
    }
    return Files.write(dir.resolve("ram.bin.xz"), bytes.toByteArray());
  }

  private static void assertSnapshot(Snapshot s, int i) {
    assertThat(s.index()).isEqualTo(i);
    assertThat(s.u32(SPAN.start())).as("snapshot %d, first word", i).isEqualTo(i * 1000L);
    assertThat(s.u32(SPAN.start() + S - 4)).as("snapshot %d, last word", i).isEqualTo(i * 1000L + S / 4 - 1);
  }

  /** The work: the snapshot's first word, read on the thread; -1 for an unreadable one. */
  private static final SnapshotsAhead.Work<Long> FIRST_WORD = (index, snapshot, unreadable) -> snapshot == null ? -1 : snapshot.u32(SPAN.start());

  private static List<Long> firstWords(int from, int to) {
    List<Long> words = new ArrayList<>();
    for (long i = from; i < to; i++) {
      words.add(i * 1000);
    }
    return words;
  }

  @Test
  void theReaderGetsEachSnapshotAskedForInAnyOrderAndTheWorkOfEachOnceInOrder() throws IOException {
    for (Path file : new Path[] {plain(), xz()}) {
      List<Long> taken = new ArrayList<>();
      try (SnapshotsAhead<Long> ahead = new SnapshotsAhead<>(SnapshotFile.open(file, SPAN), COUNT, 4, FIRST_WORD, taken::add)) {
        assertThat(ahead.count()).isEqualTo(COUNT);
        assertSnapshot(ahead.snapshot(0), 0);
        assertThat(taken).as(file.toString()).isEqualTo(firstWords(0, 1));
        assertSnapshot(ahead.snapshot(9), 9); // across a block
        assertThat(taken).isEqualTo(firstWords(0, 10));
        // steps back among the kept ones, and behind them (read again by a reader of its own)
        for (int i : new int[] {8, 7, 9, 3, 0, 9, 10, 9, 25, 39, 38, 1}) {
          assertSnapshot(ahead.snapshot(i), i);
        }
        assertThat(taken).isEqualTo(firstWords(0, 40));
        ahead.finish();
        assertThat(taken).isEqualTo(firstWords(0, 40));
      }
    }
  }

  @Test
  void finishHandsOverTheWorkOfTheSnapshotsNotAskedFor() throws IOException {
    List<Long> taken = new ArrayList<>();
    try (SnapshotsAhead<Long> ahead = new SnapshotsAhead<>(SnapshotFile.open(xz(), SPAN), 30, 3, FIRST_WORD, taken::add)) {
      assertSnapshot(ahead.snapshot(12), 12);
      ahead.finish();
      assertThat(taken).isEqualTo(firstWords(0, 30)); // the first 30 only, as asked
      assertThatThrownBy(() -> ahead.snapshot(COUNT)).isInstanceOf(CaptureException.class).hasMessageContaining("no snapshot 40");
    }
  }

  @Test
  void theThreadWaitsWhenAheadSnapshotsAreWaiting() throws Exception {
    AtomicInteger worked = new AtomicInteger();
    SnapshotsAhead.Work<Long> counting = (index, snapshot, unreadable) -> {
      worked.incrementAndGet();
      return index;
    };
    try (SnapshotsAhead<Long> ahead = new SnapshotsAhead<>(SnapshotFile.open(plain(), SPAN), COUNT, 3, counting, made -> {})) {
      ahead.snapshot(5);
      // 6 passed, 3 waiting, one made and waiting for room: 10
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (worked.get() < 10 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      Thread.sleep(200);
      assertThat(worked.get()).isEqualTo(10);
    }
  }

  @Test
  void anUnreadableSnapshotFailsOnlyItselfForTheReaderAndTheWorkIsTold() throws IOException {
    SnapshotFile plain = SnapshotFile.open(plain(), SPAN);
    SnapshotFile damaged = new Damaged(plain, 11);
    List<String> taken = new ArrayList<>();
    SnapshotsAhead.Work<String> work = (index, snapshot, unreadable) -> unreadable != null ? index + ": " + unreadable.getMessage() : index + " read";
    try (SnapshotsAhead<String> ahead = new SnapshotsAhead<>(damaged, 20, 2, work, taken::add)) {
      assertSnapshot(ahead.snapshot(10), 10);
      assertThatThrownBy(() -> ahead.snapshot(11)).isInstanceOf(CaptureException.class).hasMessage("ram.bin: snapshot 11 is damaged");
      assertSnapshot(ahead.snapshot(12), 12);
      assertThatThrownBy(() -> ahead.snapshot(11)).isInstanceOf(CaptureException.class).hasMessage("ram.bin: snapshot 11 is damaged");
      ahead.finish();
      assertThat(taken).hasSize(20).element(11).isEqualTo("11: ram.bin: snapshot 11 is damaged");
      assertThat(taken.get(12)).isEqualTo("12 read");
    }
  }

  @Test
  void aFailureOfTheWorkIsThrownToTheReader() throws IOException {
    SnapshotsAhead.Work<Long> failing = (index, snapshot, unreadable) -> {
      if (index == 7) {
        throw new IllegalStateException("work failed at 7");
      }
      return index;
    };
    List<Long> taken = new ArrayList<>();
    try (SnapshotsAhead<Long> ahead = new SnapshotsAhead<>(SnapshotFile.open(plain(), SPAN), COUNT, 2, failing, taken::add)) {
      assertSnapshot(ahead.snapshot(6), 6);
      assertThatThrownBy(() -> ahead.snapshot(8)).isInstanceOf(IllegalStateException.class).hasMessage("work failed at 7");
      assertThat(taken).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
    }
  }

  /** A file whose snapshot {@code bad} cannot be read, as in a damaged compressed block. */
  private record Damaged(SnapshotFile file, long bad) implements SnapshotFile {
    @Override
    public Snapshot snapshot(long index) {
      if (index == bad) {
        throw new CaptureException("ram.bin: snapshot " + index + " is damaged");
      }
      return file.snapshot(index);
    }

    @Override
    public String name() {
      return file.name();
    }

    @Override
    public RamSpan span() {
      return file.span();
    }

    @Override
    public long count() {
      return file.count();
    }

    @Override
    public long partialBytes() {
      return 0;
    }

    @Override
    public SnapshotFile reopen() {
      return new Damaged(file.reopen(), bad);
    }

    @Override
    public void close() {
      file.close();
    }
  }
}
