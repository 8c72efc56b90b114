package io.heapreel.model.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.heapreel.model.open.Capture;
import io.heapreel.model.objects.HeapObject;
import io.heapreel.model.objects.ObjectInspector;
import io.heapreel.model.objects.ObjectSnapshot;
import io.heapreel.model.testing.NodeConsumers;
import io.heapreel.model.testing.RealCaptures;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our retained sizes and dominators against those the DevTools front-end's own code computes from
 * our .heapsnapshot of the sample capture: the last snapshot, and the one with the most garbage
 * (which DevTools keeps under its {@code (unreachable)} node).
 */
class RetainedSizesDevToolsTest {
  @TempDir Path dir;

  @Test
  void everyObjectHasTheRetainedSizeAndDominatorDevToolsComputes() {
    NodeConsumers devtools = NodeConsumers.installed();
    Path sample = RealCaptures.checkout().resolve("sample-dumps").resolve("small");
    try (Capture c = Capture.open(sample)) {
      ObjectInspector inspector = ObjectInspector.of(c);
      long last = c.snapshots().count() - 1;
      long mostGarbage = 0;
      long garbage = -1;
      for (long s = 0; s < c.snapshots().count(); s++) {
        int unreachable = inspector.analyze(c.snapshots().snapshot(s)).graph().unreachable();
        if (unreachable > garbage) {
          garbage = unreachable;
          mostGarbage = s;
        }
      }
      assertThat(garbage).as("a snapshot of the sample with garbage in it").isGreaterThan(2);
      for (long s : new long[] {last, mostGarbage}) {
        compare(c, inspector, s, devtools);
      }
    }
  }

  private void compare(Capture c, ObjectInspector inspector, long snapshot, NodeConsumers devtools) {
    Path file = dir.resolve("heap_" + snapshot + ".heapsnapshot");
    HeapSnapshotExport.withoutLog(c, inspector).write(snapshot, file);
    Map<Long, JsonNode> nodes = new HashMap<>();
    devtools.facts(file, true).get("devtools").get("nodes").forEach(n -> nodes.put(n.get("id").asLong(), n));
    ObjectSnapshot objects = inspector.inspect(c.snapshots().snapshot(snapshot));
    AllocationIds ids = AllocationIds.byHeadBlock(c.heap());
    Map<Long, HeapObject> byAddress = new HashMap<>();
    objects.objects().forEach(o -> byAddress.put(o.address(), o));
    int bytesPerBlock = c.heap().bytesPerBlock();
    int garbage = 0;
    for (HeapObject o : objects.objects()) {
      JsonNode n = nodes.get(SnapshotGraphMapper.objectId(ids.keyOf(o)));
      String what = String.format("snapshot %d, 0x%x %s", snapshot, o.address(), o.type());
      assertThat(n).as(what).isNotNull();
      assertThat(o.retainedBlocks() * bytesPerBlock).as("retained bytes of %s", what).isEqualTo(n.get("retained").asLong());
      JsonNode dominator = nodes.get(n.get("dominator").asLong());
      if (o.dominator() == HeapObject.BY_ROOTS) {
        assertThat(dominator.get("id").asLong()).as("%s: dominated by a root node", what).isLessThan(SnapshotGraphMapper.objectId(0));
        assertThat(dominator.get("name").asText()).isNotEqualTo(SnapshotGraphMapper.UNREACHABLE);
      } else if (o.dominator() == HeapObject.GARBAGE) {
        assertThat(dominator.get("name").asText()).as(what).isEqualTo(SnapshotGraphMapper.UNREACHABLE);
        garbage++;
      } else {
        assertThat(dominator.get("id").asLong()).as("dominator of %s", what)
            .isEqualTo(SnapshotGraphMapper.objectId(ids.keyOf(byAddress.get(o.dominator()))));
      }
    }
    assertThat(garbage).as("garbage entries in snapshot %d", snapshot).isEqualTo(
        nodes.values().stream().filter(n -> nodes.get(n.get("dominator").asLong()).get("name").asText().equals(SnapshotGraphMapper.UNREACHABLE)
            && n.get("id").asLong() >= SnapshotGraphMapper.objectId(0)).count());
  }
}
