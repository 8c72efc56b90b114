package io.heapreel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.lifespan.LiveAllocations;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.avro.util.Utf8;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;

/** The small pieces that shape rows on their way to Parquet: key-frame batches and row strings. */
class RowPiecesTest {
  @Test
  void keyFramesGoInBatchesOfSixteenInSnapshotOrder() {
    // every 100th of 3,500 snapshots and the last: 0, 100, ..., 3400 (35 frames) and 3499
    List<List<KV<Long, LiveAllocations>>> batches = KeyFrameBatches.withoutLog(KeyFrames.parse("100", 3499), 3500);
    assertThat(batches).extracting(List::size).containsExactly(16, 16, 4);
    List<Long> snapshots = new ArrayList<>();
    batches.forEach(b -> b.forEach(kv -> snapshots.add(kv.getKey())));
    List<Long> expected = new ArrayList<>(LongStream.rangeClosed(0, 34).map(i -> i * 100).boxed().toList());
    expected.add(3499L);
    assertThat(snapshots).isEqualTo(expected);
    assertThat(batches.get(2).get(3).getValue().startBlocks()).isEmpty();
  }

  @Test
  void aBatchIsHandedOverWhenFullAndTheRestAtTheEnd() {
    List<Integer> handed = new ArrayList<>();
    KeyFrameBatches batches = new KeyFrameBatches(b -> handed.add(b.size()));
    for (long s = 0; s < 16; s++) {
      batches.add(s, LiveAllocations.unknown(s));
    }
    assertThat(handed).containsExactly(16);
    batches.add(16, LiveAllocations.unknown(16));
    batches.finish();
    batches.finish();
    assertThat(handed).containsExactly(16, 1);
  }

  @Test
  void rowStringsAreUtf8EncodedOnceAndStayRightPastTheCache() {
    AvroStrings strings = new AvroStrings();
    assertThat((Object) strings.of(null)).isNull();
    Utf8 first = strings.of("mp_obj_new_list");
    assertThat((Object) strings.of(new String("mp_obj_new_list"))).isSameAs(first);
    assertThat(first.toString()).isEqualTo("mp_obj_new_list");
    assertThat(strings.of("objlist.c ä").getBytes()).startsWith("objlist.c ".getBytes()).hasSize(12);
    for (int i = 0; i < AvroStrings.KEPT + 10; i++) {
      strings.of("s" + i);
    }
    Utf8 late = strings.of("not kept");
    assertThat(late.toString()).isEqualTo("not kept");
    assertThat((Object) strings.of("not kept")).isNotSameAs(late).isEqualTo(late);
  }
}
