package io.heapreel.model.objects;

import io.heapreel.model.types.Role;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.open.Capture;
import io.heapreel.model.testing.RealCaptures;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The object level of the real dev capture against what its sources say: workload.py (classes,
 * global names), uart.log (printed strings) and reference_stats.csv (when collections end).
 */
class RealCaptureObjectsTest {
  private static Capture capture;
  private static ObjectInspector inspector;
  private static ObjectSnapshot last;

  @BeforeAll
  static void open() {
    capture = Capture.open(RealCaptures.dev());
    inspector = ObjectInspector.of(capture);
    last = inspector.inspect(capture.snapshots().snapshot(capture.snapshots().count() - 1));
  }

  @AfterAll
  static void close() {
    if (capture != null) {
      capture.close();
    }
  }

  @Test
  void theV12xLayoutIsDetected() {
    assertThat(inspector.layout().family()).isEqualTo("micropython-v1.2x");
  }

  @Test
  void everyClassOfTheWorkloadIsFoundByNameWithItsInstances() throws IOException {
    String workload = Files.readString(RealCaptures.referenceFile("dev", "workload.py"));
    Set<String> classes = new LinkedHashSet<>();
    Matcher m = Pattern.compile("class (\\w+)").matcher(workload);
    while (m.find()) {
      classes.add(m.group(1));
    }
    Matcher nt = Pattern.compile("namedtuple\\(\"(\\w+)\"").matcher(workload);
    while (nt.find()) {
      classes.add(nt.group(1));
    }
    assertThat(classes).contains("RAMBlockDev", "RingBuffer", "Sensor", "Label", "Reading");
    for (String cls : classes) {
      assertThat(last.objects()).as("class object " + cls)
          .anyMatch(o -> o.type().equals("type") && cls.equals(o.name()));
      assertThat(last.objects()).as("instances of " + cls)
          .anyMatch(o -> o.type().equals(cls) && o.role() == Role.OBJECT);
    }
    // the workload makes exactly three sensors and three labels, all kept in globals
    assertThat(last.objects().stream().filter(o -> o.type().equals("Sensor"))).hasSize(3);
    assertThat(last.objects().stream().filter(o -> o.type().equals("Label"))).hasSize(3);
    HeapObject sensor = last.objects().stream().filter(o -> o.type().equals("Sensor")).findFirst().orElseThrow();
    // self.name is a ROM qstr ("name"), shown by number without firmware.bin
    assertThat(sensor.keys()).contains("channel", "scale", "history").hasSize(4);
  }

  @Test
  void theMainDictHoldsTheWorkloadsGlobalNames() throws IOException {
    Set<String> globals = globalNames(Files.readAllLines(RealCaptures.referenceFile("dev", "workload.py")));
    globals.add("__name__");
    long table = capture.symbols().require("mp_state_ctx", "test").address() + inspector.layout().field("state.dict_main") + 12;
    long tableAddress = capture.snapshots().snapshot(capture.snapshots().count() - 1).u32(table);
    HeapObject main = last.objects().stream().filter(o -> o.address() == tableAddress).findFirst().orElseThrow();
    assertThat(main.role().label()).isEqualTo("map_table");
    List<String> resolved = main.keys().stream().filter(k -> !k.startsWith("qstr#")).toList();
    // keys that are ROM qstrs have no text without firmware.bin: all others must be the workload's
    assertThat(globals).containsAll(resolved);
    assertThat(main.keys()).hasSize(globals.size()).doesNotHaveDuplicates();
    assertThat(resolved).contains("Sensor", "Label", "RAMBlockDev", "registry", "sensors", "labels", "log_lines", "settings");
  }

  /** Names bound at module level: assignments, for targets, with targets, imports, defs, classes; minus del. */
  static Set<String> globalNames(List<String> lines) {
    Set<String> names = new LinkedHashSet<>();
    int bodyIndent = -1;
    Pattern def = Pattern.compile("^(\\s*)(?:def|class) (\\w+)");
    Pattern assign = Pattern.compile("^\\s*(\\w+)\\s*=[^=]");
    Pattern forTargets = Pattern.compile("^\\s*for ([\\w, ]+?) in ");
    Pattern withTarget = Pattern.compile("^\\s*with .* as (\\w+):");
    Pattern imports = Pattern.compile("^\\s*import (\\w+)");
    Pattern from = Pattern.compile("^\\s*from \\S+ import (.+)$");
    Pattern del = Pattern.compile("^\\s*del (\\w+)");
    for (String line : lines) {
      if (line.isBlank() || line.trim().startsWith("#")) {
        continue;
      }
      int indent = line.length() - line.stripLeading().length();
      if (bodyIndent >= 0 && indent > bodyIndent) {
        continue;
      }
      bodyIndent = -1;
      Matcher m;
      if ((m = def.matcher(line)).find()) {
        names.add(m.group(2));
        bodyIndent = m.group(1).length();
      } else if ((m = forTargets.matcher(line)).find()) {
        for (String t : m.group(1).split(",")) {
          names.add(t.trim());
        }
      } else if ((m = withTarget.matcher(line)).find()) {
        names.add(m.group(1));
      } else if ((m = imports.matcher(line)).find()) {
        names.add(m.group(1));
      } else if ((m = from.matcher(line)).find()) {
        for (String t : m.group(1).split(",")) {
          names.add(t.trim());
        }
      } else if ((m = del.matcher(line)).find()) {
        names.remove(m.group(1));
      } else if ((m = assign.matcher(line)).find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  @Test
  void stringsTheWorkloadPrintedAreAmongTheStrPreviews() throws IOException {
    List<String> uart = Files.readAllLines(RealCaptures.referenceFile("dev", "uart.log"));
    Set<String> previews = last.objects().stream().filter(o -> o.type().equals("str")).map(HeapObject::preview).collect(Collectors.toSet());
    // the log lines kept in log_lines, and the label texts kept in the Label objects
    List<String> expected = new ArrayList<>(uart.stream().filter(l -> l.startsWith("temp=")).toList());
    String labels = uart.stream().filter(l -> l.startsWith("labels: ")).findFirst().orElseThrow();
    Matcher m = Pattern.compile("'([^']*)'").matcher(labels);
    while (m.find()) {
      expected.add(m.group(1));
    }
    assertThat(expected).hasSize(5);
    assertThat(previews).containsAll(expected);
  }

  @Test
  void atLeast95PercentOfTheAllocationsGetATypeOrARole() {
    long known = last.objects().size() - last.unknown();
    double share = (double) known / last.objects().size();
    System.out.printf("dev last snapshot: %d of %d allocations typed or with a role (%.1f%%)%n", known, last.objects().size(), 100 * share);
    assertThat(last.objects()).hasSize(365);
    assertThat(share).isGreaterThanOrEqualTo(0.95);
    assertThat(last.flagged()).isZero();
  }

  /**
   * The snapshot is taken inside gc_alloc's hook: the block allocated by the snapshot's own event is
   * still zero and only a register holds its address, so it is the one allocation allowed to be
   * unreachable there.
   */
  @Test
  void rightAfterEachCollectionNothingIsUnreachable() throws IOException {
    List<String[]> ends = collectionEnds();
    assertThat(ends).hasSize(3);
    for (String[] end : ends) {
      long s = Long.parseLong(end[0]);
      ObjectSnapshot view = inspector.inspect(capture.snapshots().snapshot(s));
      List<Integer> unreachable = view.objects().stream().filter(o -> !o.reachable()).map(HeapObject::block).toList();
      List<Integer> allowed = end[1].equals("alloc") ? List.of(Integer.parseInt(end[2])) : List.of();
      assertThat(allowed).as("unreachable allocations in snapshot " + s).containsAll(unreachable);
      ObjectSnapshot next = inspector.inspect(capture.snapshots().snapshot(s + 1));
      assertThat(next.objects().stream().filter(o -> allowed.contains(o.block())))
          .as("the block allocated at event " + s + ", one event later").allMatch(HeapObject::reachable);
    }
  }

  /**
   * The first snapshot after each run of MARK-bit snapshots with no MARK bits and no orphan tails:
   * (snapshot, event_action, event_block).
   */
  private static List<String[]> collectionEnds() throws IOException {
    List<String> rows = Files.readAllLines(RealCaptures.referenceFile("dev", "reference_stats.csv"));
    List<String> header = List.of(rows.get(0).split(","));
    int marked = header.indexOf("marked_heads");
    int orphans = header.indexOf("orphan_tail_blocks");
    int action = header.indexOf("event_action");
    int block = header.indexOf("event_block");
    List<String[]> ends = new ArrayList<>();
    boolean inCollection = false;
    for (int i = 1; i < rows.size(); i++) {
      String[] r = rows.get(i).split(",");
      boolean marks = Integer.parseInt(r[marked]) > 0;
      if (marks) {
        inCollection = true;
      } else if (inCollection && Integer.parseInt(r[orphans]) == 0) {
        ends.add(new String[] {r[0], r[action], r[block]});
        inCollection = false;
      }
    }
    return ends;
  }

  @Test
  void referencesFollowTheCollectorsRule() {
    Set<Long> heads = new HashSet<>();
    last.objects().forEach(o -> heads.add(o.address()));
    for (HeapObject o : last.objects()) {
      for (HeapObject.Reference r : o.refs()) {
        assertThat(heads).contains(r.target());
        assertThat(r.offset()).isBetween(0, o.blocks() * 16 - 4);
        assertThat(r.target() % 16).isZero();
      }
    }
    assertThat(last.roots()).anyMatch(r -> r.name().equals("mp_state_ctx+104"));
    assertThat(last.roots()).anyMatch(r -> r.name().startsWith("stack+"));
  }
}
