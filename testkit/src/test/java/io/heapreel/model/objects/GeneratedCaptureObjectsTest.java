package io.heapreel.model.objects;

import io.heapreel.model.types.Role;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heapreel.model.open.Capture;
import io.heapreel.testkit.generate.CaptureGenerator;
import io.heapreel.testkit.generate.GeneratorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Generated captures against the generator's own bookkeeping ({@code expected/objects_last.json}):
 * types, roles, class names, keys, references and roots of the last snapshot.
 */
class GeneratedCaptureObjectsTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"400, 8, 3, 4", "1500, 16, 7, 4", "120, 4, 11, 4", "400, 16, 3, 8", "1500, 32, 7, 8", "120, 8, 11, 8"})
  void lastSnapshotMatchesTheGeneratorsTruth(long snapshots, int heapKib, long seed, int wordSize) throws IOException {
    Path out = dir.resolve("gen");
    new CaptureGenerator(new GeneratorConfig(snapshots, heapKib, seed, wordSize), (s, t, b) -> {}).generate(out, false);
    check(out);
  }

  /** Without firmware.bin the ROM (type objects, ROM qstrs) comes from the ELF's sections. */
  @Test
  void theElfStandsInForTheRomImage() throws IOException {
    Path out = dir.resolve("gen");
    new CaptureGenerator(new GeneratorConfig(300, 8, 5, 4), (s, t, b) -> {}).generate(out, false);
    Files.delete(out.resolve("firmware.bin"));
    check(out);
  }

  private void check(Path out) throws IOException {
    JsonNode truth = new ObjectMapper().readTree(out.resolve("expected/objects_last.json").toFile());
    try (Capture capture = Capture.open(out)) {
      ObjectInspector inspector = ObjectInspector.of(capture);
      ObjectSnapshot ours = inspector.inspect(capture.snapshots().snapshot(capture.snapshots().count() - 1));
      assertThat(ours.snapshot()).isEqualTo(truth.get("snapshot").asLong());
      Map<Long, HeapObject> byAddress = ours.objects().stream().collect(Collectors.toMap(HeapObject::address, o -> o));
      assertThat(byAddress.keySet()).isEqualTo(addresses(truth.get("objects")));
      Set<Long> heldOnlyByTheStack = heldOnlyByTheStack(truth);
      List<String> differences = new ArrayList<>();
      int untoldCount = 0;
      for (JsonNode t : truth.get("objects")) {
        long address = t.get("address").asLong();
        HeapObject o = byAddress.get(address);
        String where = String.format("0x%08x (%d blocks)", address, o.blocks());
        String type = t.get("type").asText();
        String role = t.get("role").asText();
        boolean untold = o.role() == Role.UNKNOWN && heldOnlyByTheStack.contains(address);
        untoldCount += untold && !role.equals(Role.UNKNOWN.label()) ? 1 : 0;
        if (!untold && !(type + "/" + role).equals(o.type() + "/" + o.role().label())) {
          differences.add(where + ": " + o.type() + "/" + o.role() + ", truth " + type + "/" + role);
        }
        if ((type.equals("type") || type.equals("module") || !Set.of("raw", "fun_bc").contains(type) && Character.isUpperCase(type.charAt(0)))
            && !t.get("name").isNull() && !t.get("name").asText().equals(o.name())) {
          differences.add(where + ": name " + o.name() + ", truth " + t.get("name").asText());
        }
        // a map table's slot order is the hash order; the truth lists keys in insertion order
        if (!t.get("keys").isNull() && !sorted(t.get("keys")).equals(o.keys() == null ? null : o.keys().stream().sorted().toList())) {
          differences.add(where + ": keys " + o.keys() + ", truth " + t.get("keys"));
        }
        List<Long> refs = new ArrayList<>();
        t.get("refs").forEach(r -> refs.add(r.asLong()));
        if (!refs.equals(o.refs().stream().map(HeapObject.Reference::target).toList())) {
          differences.add(where + ": refs differ");
        }
      }
      assertThat(differences).isEmpty();
      // raw blocks only a C stack frame holds (a vstr being built) cannot be told; they stay few
      assertThat(untoldCount).isLessThanOrEqualTo(Math.max(2, ours.objects().size() / 50));
      // the truth's roots (the root-pointer range and the live stack) are all found, named alike
      Map<Long, Root> roots = new HashMap<>();
      ours.roots().forEach(r -> roots.put(r.address(), r));
      for (JsonNode r : truth.get("roots")) {
        Root root = roots.get(r.get("address").asLong());
        assertThat(root).as("root at " + r.get("address")).isNotNull();
        assertThat(root.targetAddress()).isEqualTo(r.get("target").asLong());
        assertThat(root.name()).startsWith(r.get("name").asText());
      }
      // within the stack the truth knows the live range only: every allocation it can reach, we reach
      assertThat(ours.objects().stream().filter(o -> !o.reachable()).map(HeapObject::address))
          .allMatch(a -> !reachableInTruth(truth).contains(a));
    }
  }

  private static Set<Long> addresses(JsonNode objects) {
    Set<Long> a = new TreeSet<>();
    objects.forEach(o -> a.add(o.get("address").asLong()));
    return a;
  }

  private static List<String> sorted(JsonNode keys) {
    List<String> k = new ArrayList<>();
    keys.forEach(x -> k.add(x.asText()));
    return k.stream().sorted().toList();
  }

  /** Allocations no object points at and only stack words of the truth's roots hold. */
  private static Set<Long> heldOnlyByTheStack(JsonNode truth) {
    Set<Long> pointedAt = new TreeSet<>();
    truth.get("objects").forEach(o -> o.get("refs").forEach(r -> pointedAt.add(r.asLong())));
    truth.get("roots").forEach(r -> {
      if (!r.get("name").asText().equals("stack")) {
        pointedAt.add(r.get("target").asLong());
      }
    });
    Set<Long> only = addresses(truth.get("objects"));
    only.removeAll(pointedAt);
    return only;
  }

  private static Set<Long> reachableInTruth(JsonNode truth) {
    Map<Long, List<Long>> refs = new HashMap<>();
    truth.get("objects").forEach(o -> {
      List<Long> r = new ArrayList<>();
      o.get("refs").forEach(x -> r.add(x.asLong()));
      refs.put(o.get("address").asLong(), r);
    });
    Set<Long> seen = new TreeSet<>();
    List<Long> queue = new ArrayList<>();
    truth.get("roots").forEach(r -> queue.add(r.get("target").asLong()));
    while (!queue.isEmpty()) {
      long a = queue.remove(queue.size() - 1);
      if (seen.add(a)) {
        queue.addAll(refs.getOrDefault(a, List.of()));
      }
    }
    return seen;
  }
}
