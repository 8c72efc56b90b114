package io.heapreel.model.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FreeTimelineTest {
  @Test
  void aShortCaptureKeepsOneBucketPerSnapshot() {
    FreeTimeline t = FreeTimeline.of(new int[] {10, 7, 9}, new int[] {10, 5, 2}, 12);
    assertThat(t.buckets()).isEqualTo(3);
    assertThat(t.maxFree(1)).isEqualTo(7);
    assertThat(t.minLargest(2)).isEqualTo(2);
    assertThat(t.bucketOf(2)).isEqualTo(2);
  }

  @Test
  void aLongCaptureKeepsTheExtremesOfEachBucket() {
    // 4096 snapshots into 1024 buckets: bucket k holds snapshots 4k..4k+3
    int n = 4096;
    int[] free = new int[n];
    int[] largest = new int[n];
    for (int i = 0; i < n; i++) {
      free[i] = 100 + (i % 4);
      largest[i] = 50 - (i % 4);
    }
    free[4 * 300 + 2] = 900;
    largest[4 * 300 + 1] = 1;
    FreeTimeline t = FreeTimeline.of(free, largest, 1000);
    assertThat(t.buckets()).isEqualTo(FreeTimeline.MAX_BUCKETS);
    assertThat(t.minFree(300)).isEqualTo(100);
    assertThat(t.maxFree(300)).isEqualTo(900);
    assertThat(t.minLargest(300)).isEqualTo(1);
    assertThat(t.maxFree(299)).isEqualTo(103);
    assertThat(t.minLargest(299)).isEqualTo(47);
    assertThat(t.bucketOf(4 * 300 + 3)).isEqualTo(300);
    assertThat(t.bucketOf(n - 1)).isEqualTo(1023);
  }
}
