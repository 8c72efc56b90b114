package io.heapreel.model.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.heapreel.model.testing.NodeConsumers;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-built heap as the DevTools front-end and memlab read it, against figures known by construction. */
class HeapSnapshotConsumersTest {
  @TempDir static Path dir;
  static Path base;
  static Path next;

  @BeforeAll
  static void export() {
    base = dir.resolve("base.heapsnapshot");
    next = dir.resolve("next.heapsnapshot");
    new HeapSnapshotWriter().write(HandBuiltHeap.base(), base);
    new HeapSnapshotWriter().write(HandBuiltHeap.next(), next);
  }

  @Test
  void devToolsSeesTheClassesWithTheirCountsAndRetainedSizes() {
    JsonNode dt = NodeConsumers.installed().facts(base, false).get("devtools");
    assertThat(dt.get("nodeCount").asInt()).isEqualTo(11);
    assertThat(dt.get("totalSize").asLong()).isEqualTo(16 + 64 + 32 + 16 + 32 + 16 + 48);
    JsonNode classes = dt.get("classes");
    assertThat(classes.size()).as("classes %s", classes).isEqualTo(6);
    assertClass(classes, "dict", 1, 16, 80);
    assertClass(classes, "list", 1, 16, 64);
    assertClass(classes, "(string)", 2, 48, 32 + 16);
    assertClass(classes, "(system)", 1, 64, 64);
    assertClass(classes, "(array)", 1, 32, 32);
    assertClass(classes, "bytearray", 1, 48, 48);
  }

  @Test
  void devToolsDominatorsRetainersAndAllocationStacks() {
    Map<Long, JsonNode> nodes = byId(NodeConsumers.installed().facts(base, true).get("devtools").get("nodes"));
    assertThat(nodes.get(101L).get("dominator").asLong()).as("dict D under its root symbol").isEqualTo(3);
    assertThat(nodes.get(103L).get("dominator").asLong()).as("table T").isEqualTo(101);
    assertThat(nodes.get(105L).get("dominator").asLong()).as("S1, held by D and L").isEqualTo(1);
    assertThat(nodes.get(107L).get("dominator").asLong()).as("L, held by D and the stack").isEqualTo(1);
    assertThat(nodes.get(111L).get("dominator").asLong()).as("S2").isEqualTo(107);
    assertThat(nodes.get(105L).get("name").asText()).isEqualTo("hello");
    assertThat(nodes.get(105L).get("retainers").toString())
        .contains("{\"id\":101,\"type\":\"property\",\"name\":\"greeting\"}")
        .contains("{\"id\":107,\"type\":\"element\",\"name\":\"1\"}");
    assertThat(nodes.get(101L).get("stack").toString())
        .isEqualTo("[\"mp_obj_new_dict ../../py/objdict.c:600\",\"main main.c:77\",\"(root) :0\"]");
    assertThat(nodes.get(107L).get("stack").get(0).asText()).isEqualTo("mp_obj_new_list ../../py/objlist.c:483");
    assertThat(nodes.get(105L).get("stack").isNull()).as("no trace for S1").isTrue();
  }

  @Test
  void devToolsAllocationViewCountsAllocatedAndLiveObjectsPerFunction() {
    JsonNode tops = NodeConsumers.installed().facts(base, false).get("devtools").get("allocationTops");
    assertThat(tops.toString())
        .contains("{\"name\":\"mp_obj_new_dict\",\"script\":\"../../py/objdict.c\",\"line\":600,\"count\":1,\"size\":16,\"liveCount\":1,\"liveSize\":16}")
        .contains("{\"name\":\"mp_obj_new_list\",\"script\":\"../../py/objlist.c\",\"line\":483,\"count\":1,\"size\":16,\"liveCount\":1,\"liveSize\":16}");
  }

  @Test
  void memlabReadsTheSameGraph() {
    JsonNode ml = NodeConsumers.installed().facts(base, true).get("memlab");
    assertThat(ml.get("nodeCount").asInt()).isEqualTo(11);
    assertThat(ml.get("edgeCount").asInt()).isEqualTo(3 + 1 + 1 + 1 + 3 + 3); // root, three root symbols, dict D, list L
    Map<Long, JsonNode> nodes = byId(ml.get("nodes"));
    assertThat(nodes.get(101L).get("retained").asLong()).isEqualTo(80);
    assertThat(nodes.get(107L).get("retained").asLong()).isEqualTo(64);
    assertThat(nodes.get(103L).get("dominator").asLong()).isEqualTo(101);
    assertThat(nodes.get(103L).get("type").asText()).isEqualTo("hidden");
    assertThat(nodes.get(109L).get("type").asText()).isEqualTo("array");
    assertThat(nodes.get(105L).get("type").asText()).isEqualTo("string");
    assertThat(nodes.get(101L).get("references").toString())
        .contains("{\"type\":\"property\",\"name\":\"greeting\",\"to\":105}");
  }

  @Test
  void comparisonMatchesObjectsByIdAndReportsOnlyTheChange() {
    JsonNode diff = NodeConsumers.installed().diff(base, next);
    assertThat(diff.size()).as("classes that changed: %s", diff).isEqualTo(2);
    JsonNode strings = diff.get("(string)");
    assertThat(strings.get("added").asInt()).isEqualTo(1);
    assertThat(strings.get("removed").asInt()).isZero();
    assertThat(strings.get("addedIds").toString()).isEqualTo("[115]");
    JsonNode bytearrays = diff.get("bytearray");
    assertThat(bytearrays.get("removed").asInt()).isEqualTo(1);
    assertThat(bytearrays.get("removedSize").asLong()).isEqualTo(48);
    assertThat(bytearrays.get("removedIds").toString()).isEqualTo("[113]");
  }

  private static void assertClass(JsonNode classes, String name, int count, long self, long retained) {
    JsonNode c = classes.get(name);
    assertThat(c).as("class %s in %s", name, classes).isNotNull();
    assertThat(c.get("count").asInt()).as("%s count", name).isEqualTo(count);
    assertThat(c.get("self").asLong()).as("%s self size", name).isEqualTo(self);
    assertThat(c.get("retained").asLong()).as("%s retained size", name).isEqualTo(retained);
  }

  private static Map<Long, JsonNode> byId(JsonNode nodes) {
    Map<Long, JsonNode> m = new HashMap<>();
    nodes.forEach(n -> m.put(n.get("id").asLong(), n));
    return m;
  }
}
