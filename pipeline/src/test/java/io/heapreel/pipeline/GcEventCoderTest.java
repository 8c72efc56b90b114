package io.heapreel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.gclog.Frame;
import io.heapreel.model.gclog.GcEvent;
import java.util.List;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class GcEventCoderTest {
  @Test
  void eventsComeBackFieldForField() throws Exception {
    GcEvent full =
        new GcEvent(
            27126, 812_345, 1023, 7,
            List.of(
                new Frame(0x0800_1234L, "mp_obj_new_list", "n=3, items=0x0", "py/objlist.c", 469, null),
                new Frame(Frame.NO_PC, "list_append", null, null, 0, "libmicropython.a"),
                new Frame(0xffff_fffeL, "äöü \u20ac", "", "py/vm.c", Integer.MAX_VALUE, "")),
            true);
    GcEvent bare = new GcEvent(0, 1, 0, 0, List.of(), false);
    for (GcEvent e : List.of(full, bare)) {
      byte[] bytes = CoderUtils.encodeToByteArray(GcEventCoder.of(), e);
      assertThat(CoderUtils.decodeFromByteArray(GcEventCoder.of(), bytes)).isEqualTo(e);
    }
  }
}
