package io.heapreel.model.heap;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.capture.SnapshotFile;
import io.heapreel.model.error.CaptureException;
import io.heapreel.model.open.Capture;
import io.heapreel.model.testing.RealCaptures;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Heaps known only as ranges, laid out from the pointers of one snapshot, against the layout the
 * collector's own area descriptor gives, on the real dev capture and the generator's 32- and 64-bit
 * samples (the firmware samples are checked against gdb in FirmwareCaptureChecks). Every 20th
 * snapshot is tried: a choice may be refused (when few objects are alive, or while the compiler's
 * parse chunks, full of pointers into their own middles, dominate), but never wrong.
 */
class GeometryChoiceTest {
  @ParameterizedTest
  @ValueSource(strings = {"dev", "small", "small64"})
  void eachSnapshotsPointersGiveTheDescriptorsLayoutOrNone(String sample) {
    try (Capture capture = Capture.open(sample.equals("dev") ? RealCaptures.dev() : RealCaptures.checkout().resolve("sample-dumps").resolve(sample))) {
      List<HeapArea> described = capture.heap().areas();
      assertThat(capture.heap().method()).isEqualTo(HeapLocation.Method.AREA_DESCRIPTOR);
      List<AddressRange> ranges = described.stream().map(a -> new AddressRange(a.atbStart(), a.poolEnd())).toList();
      GeometryChoice choice = new GeometryChoice(capture.wordSize(), HeapGeometry.Formula.MICROPYTHON, true, 0);
      SnapshotFile snapshots = capture.snapshots();
      int tried = 0;
      int chosen = 0;
      for (int i = (int) snapshots.count() - 1; i >= 0; i -= 20) { 
        tried++;
        try {
          assertThat(choice.choose(ranges, snapshots.snapshot(i), capture.ram(), "the descriptor's ranges").areas())
              .as("snapshot %d", i)
              .isEqualTo(described);
          chosen++;
        } catch (CaptureException refused) {
          assertThat(i).as("the last snapshot, which a capture's heap is laid out by: %s", refused.getMessage()).isNotEqualTo(snapshots.count() - 1);
          assertThat(refused.getMessage()).contains("--block-size");
        }
      }
      assertThat(chosen).as("of %d snapshots tried", tried).isGreaterThanOrEqualTo(tried * 3 / 4);
    }
  }
}
