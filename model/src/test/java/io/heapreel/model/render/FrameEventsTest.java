package io.heapreel.model.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.heap.HeapArea;
import io.heapreel.model.heap.HeapLocation;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.testing.RealCaptures;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameEventsTest {
  /** The dev capture's one heap area (NOTES.md: reference_stats.csv's blocks count in it). */
  private static final HeapLocation DEV_HEAP = HeapLocation.of(new HeapArea(0x20000320L, 437, 0x200004d6L, 0x200005e0L, 0x20007320L, 4));

  @Test
  void captionsAgreeWithTheReferenceEventOfEverySnapshot() throws IOException {
    Map<Long, FrameEvent> events = FrameEvents.read(RealCaptures.dev().resolve("mylog.txt"), SiteRules.MICROPYTHON, DEV_HEAP, i -> true);
    List<String> rows = Files.readAllLines(RealCaptures.referenceFile("dev", "reference_stats.csv"));
    List<String> header = List.of(rows.get(0).split(","));
    assertThat(events).hasSize(rows.size() - 1);
    for (int i = 1; i < rows.size(); i++) {
      String[] row = rows.get(i).split(",");
      FrameEvent e = events.get((long) i - 1);
      int length = Integer.parseInt(row[header.indexOf("event_length")]);
      assertThat(e.startBlock()).isEqualTo(Integer.parseInt(row[header.indexOf("event_block")]));
      assertThat(e.action()).as("snapshot " + (i - 1)).isEqualTo(row[header.indexOf("event_action")]);
      if (length > 0) {
        assertThat(e.blocks()).isEqualTo(length);
      } else {
        assertThat(e.blocks()).as("a free or sweep shows the size of what it ends").isPositive();
      }
    }
  }

  @Test
  void keepsOnlyTheWantedCaptions() throws IOException {
    Map<Long, FrameEvent> events = FrameEvents.read(RealCaptures.dev().resolve("mylog.txt"), SiteRules.MICROPYTHON, DEV_HEAP, i -> i % 1000 == 0);
    assertThat(events.keySet()).containsExactlyInAnyOrder(0L, 1000L, 2000L);
    // the first record of the dev log: mp_map_init's allocation for mp_init's dict (NOTES.md)
    assertThat(events.get(0L).site()).isEqualTo("mp_map_init (map.c:95)");
  }
}
