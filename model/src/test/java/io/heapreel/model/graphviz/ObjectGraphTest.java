package io.heapreel.model.graphviz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.heapreel.model.error.CaptureException;
import io.heapreel.model.objects.HeapObject;
import io.heapreel.model.objects.ObjectSnapshot;
import io.heapreel.model.objects.Root;
import io.heapreel.model.render.ColourClass;
import io.heapreel.model.types.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cut and the DOT of a seven-object snapshot written out by hand, its dominators and retained
 * blocks worked out on paper:
 *
 * <pre>
 *   mp_state_ctx+104 -> A(1) -> B(2) -> D(4) -> E(1)        garbage: G(1) -> H(1)
 *   stack+8          -> C(1) -> D;  A -> C
 * </pre>
 *
 * A holds B alone (retains 3); C and D are reached two ways, so only the roots hold them; D holds E.
 */
class ObjectGraphTest {
  @TempDir Path dir;

  static final long A = 0x20000100L, B = 0x20000110L, C = 0x20000130L, D = 0x20000140L, E = 0x20000180L, G = 0x20000190L, H = 0x200001a0L;

  private static HeapObject object(long address, int blocks, String type, String preview, boolean reachable, long dominator, long retained,
      long... targets) {
    List<HeapObject.Reference> refs = new ArrayList<>();
    for (int k = 0; k < targets.length; k++) {
      refs.add(new HeapObject.Reference(4 * (k + 1), targets[k]));
    }
    return new HeapObject(address, (int) ((address - 0x20000100L) / 16), blocks, type, Role.OBJECT, null, preview, null, reachable, false, -1,
        refs, dominator, retained);
  }

  static ObjectSnapshot snapshot() {
    List<HeapObject> objects = List.of(
        object(A, 1, "dict", "2 keys", true, HeapObject.BY_ROOTS, 3, B, C),
        object(B, 2, "list", "1 item", true, A, 2, D),
        object(C, 1, "list", "1 item", true, HeapObject.BY_ROOTS, 1, D),
        object(D, 4, "tuple", "1 item", true, HeapObject.BY_ROOTS, 5, E),
        object(E, 1, "str", "say \"hi\"\\n to C:\\dir", true, D, 1),
        object(G, 1, "list", "1 item", false, HeapObject.GARBAGE, 2, H),
        object(H, 1, "str", "gone", false, G, 1));
    List<Root> roots = List.of(new Root("mp_state_ctx+104", 0x20000078L, A, 0), new Root("stack+8", 0x20001808L, C, 2));
    return new ObjectSnapshot(7, "test", "mp_state_ctx", objects, roots, 0, false);
  }

  private static List<Long> addresses(ObjectSnapshot s, GraphCut cut) {
    return cut.objects().stream().map(i -> s.objects().get(i).address()).toList();
  }

  @Test
  void theWholeSnapshotIsEveryObjectAndEveryRoot() {
    ObjectSnapshot s = snapshot();
    GraphCut cut = GraphCut.of(s, null, GraphCut.UNLIMITED, 100);
    assertThat(addresses(s, cut)).containsExactlyInAnyOrder(A, B, C, D, E, G, H);
    assertThat(cut.roots()).hasSize(2);
    assertThat(cut.elided()).isEmpty();
  }

  @Test
  void fromASymbolTheStackOrAnAddressWithinADepth() {
    ObjectSnapshot s = snapshot();
    GraphCut stack = GraphCut.of(s, "stack", GraphCut.UNLIMITED, 100);
    assertThat(addresses(s, stack)).containsExactlyInAnyOrder(C, D, E);
    assertThat(stack.roots()).extracting(Root::name).containsExactly("stack+8");
    assertThat(addresses(s, GraphCut.of(s, "mp_state_ctx", 1, 100))).containsExactlyInAnyOrder(A, B, C);
    assertThat(addresses(s, GraphCut.of(s, "mp_state_ctx+104", 0, 100))).containsExactly(A);
    GraphCut inside = GraphCut.of(s, "0x20000125", GraphCut.UNLIMITED, 100);
    assertThat(addresses(s, inside)).as("an address inside B's second block").containsExactlyInAnyOrder(B, D, E);
    assertThat(inside.start()).containsExactly(1);
    assertThatThrownBy(() -> GraphCut.of(s, "heap_lock", GraphCut.UNLIMITED, 100))
        .isInstanceOf(CaptureException.class).hasMessageContaining("--from heap_lock").hasMessageContaining("snapshot 7");
  }

  @Test
  void tooManyObjectsKeepTheBiggestRetainedSubtreesAndCountWhatIsLeftOut() {
    ObjectSnapshot s = snapshot();
    // the tops of the dominator tree are A (3), C (1), D (5) and G (2): D first, then A
    GraphCut cut = GraphCut.of(s, null, GraphCut.UNLIMITED, 2);
    assertThat(addresses(s, cut)).containsExactly(D, A);
    Map<Integer, GraphCut.Elided> elided = cut.elided();
    assertThat(elided.keySet()).containsExactlyInAnyOrder(3, 0);
    assertThat(elided.get(3)).as("E under D").isEqualTo(new GraphCut.Elided(1, 1));
    assertThat(elided.get(0)).as("B under A").isEqualTo(new GraphCut.Elided(1, 2));
    assertThat(addresses(s, GraphCut.of(s, null, GraphCut.UNLIMITED, 4))).containsExactly(D, A, B, G);
  }

  private String dot(ObjectSnapshot s, GraphCut cut) {
    return new ObjectGraphDot(o -> ColourClass.builtin(o.type()), 16).dot(s, cut, "test \"graph\"");
  }

  @Test
  void graphvizReadsTheDotWithANodePerObjectAndRootSymbolAndAnArrowPerReference() throws IOException, InterruptedException {
    ObjectSnapshot s = snapshot();
    Path file = dir.resolve("g.dot");
    Files.writeString(file, dot(s, GraphCut.of(s, null, GraphCut.UNLIMITED, 100)));
    List<String> plain = plain(file);
    List<String> nodes = plain.stream().filter(l -> l.startsWith("node ")).map(l -> l.split(" ")[1]).toList();
    assertThat(nodes).containsExactlyInAnyOrder(
        "a20000100", "a20000110", "a20000130", "a20000140", "a20000180", "a20000190", "a200001a0",
        "root_mp_state_ctx", "root_stack", "legend");
    List<String> edges = plain.stream().filter(l -> l.startsWith("edge ")).map(l -> l.split(" ")[1] + ">" + l.split(" ")[2]).toList();
    assertThat(edges).containsExactlyInAnyOrder(
        "a20000100>a20000110", "a20000100>a20000130", "a20000110>a20000140", "a20000130>a20000140", "a20000140>a20000180",
        "a20000190>a200001a0", "root_mp_state_ctx>a20000100", "root_stack>a20000130");
    // the preview's quote and backslashes survive as text
    assertThat(plain.stream().filter(l -> l.startsWith("node a20000180")).findFirst().orElseThrow()).contains("say \\\"hi\\\"\\\\n to C:\\\\dir");
  }

  @Test
  void leftOutSubtreesBecomeNotesBesideTheirHolder() throws IOException, InterruptedException {
    ObjectSnapshot s = snapshot();
    Path file = dir.resolve("cut.dot");
    Files.writeString(file, dot(s, GraphCut.of(s, null, GraphCut.UNLIMITED, 2)));
    List<String> plain = plain(file);
    assertThat(plain).anySatisfy(l -> assertThat(l).startsWith("edge a20000140 a20000140_more"));
    assertThat(plain).anySatisfy(l -> assertThat(l).startsWith("node a20000100_more").contains("+1 object, 2 blocks"));
  }

  @Test
  void withoutGraphvizPngIsRefusedWithTheInstallHintAndNothingIsLeft() throws IOException {
    Path png = dir.resolve("out").resolve("g.png");
    Files.createDirectories(png.getParent());
    assertThatThrownBy(() -> new Graphviz(dir.resolve("no-such-dot").toString()).write("digraph { a }", png))
        .isInstanceOf(CaptureException.class).hasMessageContaining("apt-get install graphviz").hasMessageContaining(".dot");
    try (var left = Files.list(png.getParent())) {
      assertThat(left).isEmpty();
    }
    assertThatThrownBy(() -> new Graphviz().write("digraph { a }", dir.resolve("g.txt"))).isInstanceOf(CaptureException.class)
        .hasMessageContaining(".dot, .svg or .png");
  }

  @Test
  void dotNeedsNoGraphviz() throws IOException {
    Path out = dir.resolve("g.dot");
    new Graphviz(dir.resolve("no-such-dot").toString()).write("digraph { a }\n", out);
    assertThat(Files.readString(out)).isEqualTo("digraph { a }\n");
  }

  /** Graphviz's own reading of a DOT file, in its plain text format; skipped without Graphviz. */
  static List<String> plain(Path dot) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder("dot", "-Tplain", dot.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, "Graphviz (dot) is not installed: skipped");
      throw e;
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out.lines().toList();
  }
}
