package io.heapreel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.open.Capture;
import io.heapreel.model.testing.RealCaptures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The decode's default ranges on the real dev capture (2,737 snapshots) and on its first snapshots. */
class SnapshotsPerSplitTest {
  private static final long MIB = 1 << 20;
  private static CaptureFacts dev;

  @BeforeAll
  static void open() {
    try (Capture c = Capture.open(RealCaptures.dev())) {
      dev = CaptureFacts.of(c);
    }
  }

  @Test
  void aCaptureOfUnder32MiBIsOneRange() {
    CaptureFacts small = dev.firstSnapshots(120);
    assertThat(small.snapshotCount() * small.span().length()).isLessThan(32 * MIB);
    for (int workers : new int[] {1, 2, 16}) {
      assertThat(HeapreelPipeline.defaultSnapshotsPerSplit(small, workers)).isGreaterThanOrEqualTo(120);
    }
  }

  @Test
  void rangesHoldAtLeast32MiBAndAtMost256MiB() {
    for (int workers : new int[] {1, 2, 16}) {
      long bytes = HeapreelPipeline.defaultSnapshotsPerSplit(dev, workers) * dev.span().length();
      assertThat(bytes).as("%d workers", workers).isBetween(32 * MIB - dev.span().length(), 256 * MIB);
    }
  }
}
