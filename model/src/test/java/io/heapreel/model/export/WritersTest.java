package io.heapreel.model.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.gclog.Frame;
import io.heapreel.model.heap.HeapArea;
import io.heapreel.model.lifespan.Action;
import io.heapreel.model.lifespan.Lifespan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON and CSV writers on hand-built lifespans. */
class WritersTest {
  private static final Frame ALLOC = new Frame(0x9e8, "gc_alloc", "", "../../py/gc.c", 1024, null);
  private static final Frame INLINED = new Frame(Frame.NO_PC, "f", "", "a, b.c", 7, null);
  private static final Frame NO_DEBUG = new Frame(0x7ffff7a2d840L, "g", "", null, 0, "/lib/x.so");

  private static final Lifespan ENDED =
      new Lifespan(3, 2, 10, Action.ALLOC, 12, Action.SWEEP, List.of(ALLOC, INLINED), List.of(NO_DEBUG), 1);
  private static final Lifespan ALIVE =
      new Lifespan(5, 1, 11, Action.REALLOC, Lifespan.ALIVE, null, List.of(ALLOC), List.of(), -1);

  @Test
  void jsonHasGcActivitysFieldsAndFrames() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new AllocationHistoryWriter(4).write(List.of(ENDED, ALIVE), 20, out);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
        "[{\"start_block\":3,\"size\":2,\"start_trace\":[[\"0x000009e8\",\"../../py/gc.c:1024\",\"gc_alloc\"],[\"0x0\",\"a, b.c:7\",\"f\"]],"
            + "\"start_time\":10,\"end_trace\":[[\"0x7ffff7a2d840\",\"/lib/x.so\",\"g\"]],\"end_time\":12,\"end_cause\":\"sweep\"},"
            + "{\"start_block\":5,\"size\":1,\"start_trace\":[[\"0x000009e8\",\"../../py/gc.c:1024\",\"gc_alloc\"]],"
            + "\"start_time\":11,\"end_trace\":\"\",\"end_time\":20}]");
  }

  @Test
  void programCountersArePaddedToTheWord() {
    assertThat(new AllocationHistoryWriter(8).pc(ALLOC)).isEqualTo("0x00000000000009e8");
  }

  @Test
  void csvQuotesFieldsWithCommasAndLeavesAliveEndsEmpty() {
    StringWriter out = new StringWriter();
    HeapArea area = new HeapArea(0x20000320L, 437, 0x200004d6L, 0x200005e0L, 0x20007320L, 4);
    new LifespanCsvWriter(io.heapreel.model.heap.HeapLocation.of(area)).write(List.of(ENDED, ALIVE), out);
    assertThat(out.toString().lines().toList()).containsExactly(
        LifespanCsvWriter.HEADER,
        "3,0x20000610,2,10,alloc,12,sweep,f,\"a, b.c:7\",\"gc_alloc@../../py/gc.c:1024 < f@a, b.c:7\"",
        "5,0x20000630,1,11,realloc,,,,,gc_alloc@../../py/gc.c:1024");
  }

  @Test
  void quotingDoublesQuotes() {
    assertThat(LifespanCsvWriter.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(LifespanCsvWriter.quote("plain")).isEqualTo("plain");
  }
}
