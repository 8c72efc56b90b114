package io.heapreel.model.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.gclog.GcEvent;
import io.heapreel.model.gclog.GcLogListener;
import io.heapreel.model.gclog.GcLogParser;
import io.heapreel.model.heap.Allocation;
import io.heapreel.model.heap.HeapDecoder;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.lifespan.TypedLifespans;
import io.heapreel.model.open.Capture;
import io.heapreel.model.testing.RealCaptures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Typings made ahead on their own thread are the ones the replay would make itself, in the same order. */
class GridTypingsTest {
  private static final int GRID = 16;

  @Test
  void theDevCapturesLifespansGetTheSameTypesWithTheSameTypingCount() {
    try (Capture capture = Capture.open(RealCaptures.dev())) {
      ObjectInspector inspector = ObjectInspector.of(capture);
      SnapshotTyper inline = new SnapshotTyper(capture.snapshots(), inspector, capture.heap());
      List<TypedLifespans.Typed> expected = replay(capture, inline);
      List<TypedLifespans.Typed> actual;
      SnapshotTyper withAhead;
      try (GridTypings ahead = new GridTypings(capture.snapshots().reopen(), inspector, capture.snapshots().count(), GRID, 4)) {
        withAhead = new SnapshotTyper(capture.snapshots(), inspector, capture.heap(), ahead);
        actual = replay(capture, withAhead);
      }
      assertThat(actual).hasSize(1831).isEqualTo(expected);
      assertThat(withAhead.typings()).isEqualTo(inline.typings());
    }
  }

  @Test
  void handsOutOnlyGridSnapshotsNotPassedYet() {
    try (Capture capture = Capture.open(RealCaptures.dev());
        GridTypings ahead = new GridTypings(capture.snapshots().reopen(), ObjectInspector.of(capture), capture.snapshots().count(), GRID, 2)) {
      long count = capture.snapshots().count();
      long lastGrid = (count - 1) / GRID * GRID;
      assertThat(ahead.take(5)).isNull();
      GridTypings.Made at32 = ahead.take(32);
      assertThat(at32.snapshot()).isEqualTo(32);
      // every head of snapshot 32, by the decoder alone, has a type in the typing made ahead
      List<Allocation> heads = new HeapDecoder(capture.heap(), capture.types()).allocations(capture.snapshots().snapshot(32));
      assertThat(heads).isNotEmpty().allMatch(a -> at32.typing().typeAt(a.address()) != null);
      assertThat(ahead.take(16)).isNull(); // passed: the caller types it itself
      assertThat(ahead.take(lastGrid).snapshot()).isEqualTo(lastGrid);
      assertThat(ahead.take(lastGrid + GRID)).isNull(); // past the last snapshot
    }
  }

  private static List<TypedLifespans.Typed> replay(Capture capture, SnapshotTyper typer) {
    List<TypedLifespans.Typed> typed = new ArrayList<>();
    TypedLifespans replay = new TypedLifespans(SiteRules.MICROPYTHON, typer, capture.snapshots().count(), GRID, typed::add);
    GcLogParser.parse(capture.files().requireLog(), new GcLogListener() {
      @Override
      public void event(GcEvent event) {
        replay.apply(event);
      }
    });
    replay.finish();
    return typed;
  }
}
