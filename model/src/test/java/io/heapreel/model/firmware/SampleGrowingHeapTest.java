package io.heapreel.model.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.heap.HeapDecoder;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.open.Capture;
import io.heapreel.model.verify.CaptureVerifier;
import io.heapreel.model.verify.VerifyReport;
import io.heapreel.model.testing.RealCaptures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * sample-dumps/mps2-an385-auto: firmware built with MICROPY_GC_SPLIT_HEAP_AUTO, whose heap starts as
 * one small area and gains areas as the program needs them (as on the esp32 port). heapreel decodes
 * the areas of snapshot 0 only; these tests hold it to saying so loudly rather than giving a
 * smaller heap's figures as the heap's. What changed is found without heapreel: gdb's reading of
 * the first area (truth.txt) locates its descriptor in the first dump, and the word before it is
 * the descriptor's {@code next}, read from every dump.
 */
class SampleGrowingHeapTest {
  private final Sample sample = Sample.of("mps2-an385-auto");

  /** The sample's folder (ram.bin unpacked, the other files linked beside it) and gdb's reading. */
  private record Sample(Path folder, FirmwareTruth truth) {
    static synchronized Sample of(String name) {
      try {
        Path folder = RealCaptures.referenceFile(name, "ram.bin").getParent();
        for (String file : List.of("mylog.txt", "firmware.elf", "truth.txt")) {
          Path link = folder.resolve(file);
          if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(link, RealCaptures.referenceFile(name, file).toAbsolutePath());
          }
        }
        return new Sample(folder, FirmwareTruth.read(folder.resolve("truth.txt")));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Test
  void gdbSawTheHeapGrowAndTheOpenCaptureSaysSo() {
    assertThat(sample.truth().areas()).as("gdb's areas at the end").hasSize(2);
    try (Capture capture = Capture.open(sample.folder())) {
      assertThat(capture.heap().areas()).hasSize(1);
      assertThat(capture.warnings()).anySatisfy(w -> assertThat(w).contains("MICROPY_GC_SPLIT_HEAP_AUTO", "suspect"));
    }
  }

  @Test
  void everySnapshotWhoseAreasChangedIsSuspectAndNoOther() throws IOException {
    try (Capture capture = Capture.open(sample.folder())) {
      Path ram = sample.folder().resolve("ram.bin");
      int span = (int) capture.ram().length();
      long count = capture.snapshots().count();
      long link = linkAddress(RamDumps.read(ram, span, 0), capture.ram().start());
      int first = word(RamDumps.read(ram, span, 0), (int) (link - capture.ram().start()));
      HeapDecoder decoder = capture.decoder();
      int changed = 0;
      for (long i = 0; i < count; i++) {
        boolean differs = word(RamDumps.read(ram, span, i), (int) (link - capture.ram().start())) != first;
        changed += differs ? 1 : 0;
        String suspect = decoder.stats(capture.snapshots().snapshot(i)).suspect();
        if (differs) {
          assertThat(suspect).as("snapshot %d", i).contains("MICROPY_GC_SPLIT_HEAP_AUTO");
        } else {
          assertThat(suspect).as("snapshot %d", i).isNull();
        }
      }
      assertThat(first).as("snapshot 0 has one area: its next is null").isZero();
      assertThat(changed).as("snapshots with an area added").isGreaterThan(100);
    }
  }

  @Test
  void verifySaysTheLogAndTheDecodedAreasDoNotHoldTogether() {
    try (Capture capture = Capture.open(sample.folder())) {
      VerifyReport report = CaptureVerifier.verify(capture, sample.folder().resolve("mylog.txt"), SiteRules.MICROPYTHON);
      assertThat(report.holdsTogether()).isFalse();
      assertThat(report.first().get(0).toString()).contains("in no heap area");
    }
  }

  /** The word before the descriptor gdb read: its alloc table start and length, side by side in the first dump. */
  private long linkAddress(byte[] dump, long ramStart) {
    FirmwareTruth.Area area = sample.truth().areas().get(0);
    for (int at = 4; at + 8 <= dump.length; at += 4) {
      if (Integer.toUnsignedLong(word(dump, at)) == area.atbStart() && word(dump, at + 4) == area.atbBytes()) {
        return ramStart + at - 4;
      }
    }
    throw new AssertionError("the first area's descriptor is not in the first dump");
  }

  private static int word(byte[] dump, int at) {
    return ByteBuffer.wrap(dump, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
  }
}
