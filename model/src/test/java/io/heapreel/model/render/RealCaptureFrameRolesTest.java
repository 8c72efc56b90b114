package io.heapreel.model.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.open.Capture;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.objects.ObjectInspector;
import io.heapreel.model.testing.RealCaptures;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A frame of the dev capture while workload.py is being parsed (snapshot 500): the lexer's and
 * parser's buffers, which no object points at, take the colours of their allocation sites' roles.
 */
class RealCaptureFrameRolesTest {
  @Test
  void parserBuffersAreColouredByTheirAllocationSite() {
    try (Capture capture = Capture.open(RealCaptures.dev())) {
      long snapshot = 500;
      FrameRenderer renderer = new FrameRenderer(capture.decoder(), ObjectInspector.of(capture));
      FrameEvent withSites = FrameEvents.read(capture.files().requireLog(), SiteRules.MICROPYTHON, capture.heap(), s -> s == snapshot).get(snapshot);
      FrameEvent without = new FrameEvent(withSites.event(), withSites.action(), withSites.area(), withSites.startBlock(),
          withSites.blocks(), withSites.site());
      FreeTimeline timeline = FreeTimeline.empty(capture.heap().totalBlocks());
      Map<String, Long> coloured = byColour(renderer.input(capture.snapshots().snapshot(snapshot), withSites, timeline));
      Map<String, Long> plain = byColour(renderer.input(capture.snapshots().snapshot(snapshot), without, timeline));

      // mylog.txt: parser_alloc and mp_lexer_new made blocks still alive at event 500 (workload.py is
      // being parsed); without the sites they are unknown, with them nothing is
      assertThat(plain.getOrDefault("UNKNOWN:", 0L)).isPositive();
      assertThat(coloured).containsKey("RAW:parse_chunk").containsKey("RAW:lexer").doesNotContainKey("UNKNOWN:");
      assertThat(coloured.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(plain.values().stream().mapToLong(Long::longValue).sum());
    }
  }

  private static Map<String, Long> byColour(FrameInput input) {
    return input.allocations().stream()
        .collect(Collectors.groupingBy(a -> a.colour().kind() + ":" + a.colour().name(), Collectors.counting()));
  }
}
