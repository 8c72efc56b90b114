package io.heapreel.model.objects;

import io.heapreel.model.types.Role;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapreel.model.error.CaptureException;
import io.heapreel.model.heap.BuiltinTypes;
import io.heapreel.model.testing.RealCaptures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutFileTest {
  @TempDir Path dir;

  /** "struct.field" to byte offset, from gdb's ptype/o of the dev firmware. */
  private static Map<String, Integer> gdbOffsets() throws IOException {
    Map<String, Integer> offsets = new HashMap<>();
    Pattern struct = Pattern.compile("^type = struct (\\w+) \\{");
    Pattern field = Pattern.compile("^/\\*\\s+(\\d+)(?::\\s*\\d+)?\\s*\\|\\s*\\d+\\s*\\*/\\s+.*?(\\w+)(?:\\[\\d*\\])?(?:\\s*:\\s*\\d+)?;");
    String current = null;
    for (String line : Files.readAllLines(RealCaptures.referenceFile("dev", "struct_layouts.txt"))) {
      Matcher s = struct.matcher(line);
      Matcher f = field.matcher(line.trim());
      if (s.find()) {
        current = s.group(1);
      } else if (current != null && f.find()) {
        offsets.putIfAbsent(current + "." + f.group(2), Integer.parseInt(f.group(1)));
      }
    }
    return offsets;
  }

  @Test
  void theV12xLayoutAgreesWithGdb() throws IOException {
    Map<String, Integer> gdb = gdbOffsets();
    Layout l = LayoutFile.builtIn("micropython-v1.2x");
    Map<String, String> same = Map.ofEntries(
        Map.entry("type.name", "_mp_obj_type_t.name"),
        Map.entry("type.make_new_slot", "_mp_obj_type_t.slot_index_make_new"),
        Map.entry("type.parent_slot", "_mp_obj_type_t.slot_index_parent"),
        Map.entry("type.locals_dict_slot", "_mp_obj_type_t.slot_index_locals_dict"),
        Map.entry("type.slots", "_mp_obj_type_t.slots"),
        Map.entry("dict.map", "_mp_obj_dict_t.map"),
        Map.entry("instance.map", "_mp_obj_instance_t.members"),
        Map.entry("map.alloc", "_mp_map_t.alloc"),
        Map.entry("map.table", "_mp_map_t.table"),
        Map.entry("str.len", "_mp_obj_str_t.len"),
        Map.entry("str.data", "_mp_obj_str_t.data"),
        Map.entry("array.len", "_mp_obj_array_t.len"),
        Map.entry("array.items", "_mp_obj_array_t.items"),
        Map.entry("list.len", "_mp_obj_list_t.len"),
        Map.entry("list.items", "_mp_obj_list_t.items"),
        Map.entry("tuple.len", "_mp_obj_tuple_t.len"),
        Map.entry("tuple.items", "_mp_obj_tuple_t.items"),
        Map.entry("module.globals", "_mp_obj_module_t.globals"),
        Map.entry("fun_bc.context", "_mp_obj_fun_bc_t.context"),
        Map.entry("fun_bc.bytecode", "_mp_obj_fun_bc_t.bytecode"),
        Map.entry("qstr_pool.prev", "_qstr_pool_t.prev"),
        Map.entry("qstr_pool.total_prev_len", "_qstr_pool_t.total_prev_len"),
        Map.entry("qstr_pool.len", "_qstr_pool_t.len"),
        Map.entry("qstr_pool.lengths", "_qstr_pool_t.lengths"),
        Map.entry("qstr_pool.qstrs", "_qstr_pool_t.qstrs"));
    same.forEach((ours, theirs) -> assertThat(l.field(ours)).as(ours + " = " + theirs).isEqualTo(gdb.get(theirs)));
    // mp_state_ctx: the thread state is 36 bytes, then mp_state_vm_t
    int vm = 36;
    assertThat(l.field("state.last_pool")).isEqualTo(vm + gdb.get("_mp_state_vm_t.last_pool"));
    assertThat(l.field("state.dict_main")).isEqualTo(vm + gdb.get("_mp_state_vm_t.dict_main"));
    assertThat(l.field("state.loaded_modules")).isEqualTo(vm + gdb.get("_mp_state_vm_t.mp_loaded_modules_dict"));
    assertThat(l.field("state.qstr_last_chunk")).isEqualTo(vm + gdb.get("_mp_state_vm_t.qstr_last_chunk"));
    // owner rules point at the same fields
    assertThat(l.ownedBy("dict")).contains(FieldRule.parse(String.valueOf(gdb.get("_mp_obj_dict_t.map") + gdb.get("_mp_map_t.table")), "map_table"));
    assertThat(l.ownedBy("list")).contains(FieldRule.parse(String.valueOf(gdb.get("_mp_obj_list_t.items")), "list_items"));
    assertThat(l.ownedBy("str")).contains(FieldRule.parse(String.valueOf(gdb.get("_mp_obj_str_t.data")), "str_data"));
    assertThat(l.ownedBy("fun_bc")).contains(
        FieldRule.parse(String.valueOf(gdb.get("_mp_obj_fun_bc_t.child_table")), "child_table"),
        FieldRule.parse(String.valueOf(gdb.get("_mp_obj_fun_bc_t.bytecode")), "bytecode"));
    // fun_data is bytecode for kind MP_CODE_BYTECODE (2), machine code for the three native kinds
    assertThat(l.ownedBy("raw_code")).contains(
        FieldRule.parse(String.valueOf(gdb.get("_mp_raw_code_t.fun_data")), "bytecode").when(gdb.get("_mp_raw_code_t.kind"), 1L << 2),
        FieldRule.parse(String.valueOf(gdb.get("_mp_raw_code_t.fun_data")), "native_code").when(gdb.get("_mp_raw_code_t.kind"), 0b111000),
        FieldRule.parse(String.valueOf(gdb.get("_mp_raw_code_t.children")), "child_table"));
    assertThat(l.roots()).contains(
        FieldRule.parse(String.valueOf(vm + gdb.get("_mp_state_vm_t.dict_main") + gdb.get("_mp_obj_dict_t.map") + gdb.get("_mp_map_t.table")), "map_table"));
  }

  @Test
  void bothBuiltInLayoutsParse() {
    assertThat(LayoutFile.builtIns()).extracting(Layout::family).containsExactly("micropython-v1.2x", "circuitpython-old");
    Layout old = LayoutFile.builtIn("circuitpython-old");
    assertThat(old.field("state.last_pool")).isEqualTo(20);
    assertThat(old.roots()).contains(new FieldRule(108, 1, 0, Role.MAP_TABLE, false), new FieldRule(148, 8, 0, Role.STR_DATA, false));
  }

  @Test
  void ruleSpecs() {
    assertThat(FieldRule.parse("24[12]", "qstr_chunk")).isEqualTo(new FieldRule(24, FieldRule.COUNTED, 12, Role.QSTR_CHUNK, false));
    assertThat(FieldRule.parse("0..", "raw_code")).isEqualTo(new FieldRule(0, FieldRule.TO_END, 0, Role.RAW_CODE, false));
    assertThat(FieldRule.parse("140*3", "fs_buffer")).isEqualTo(new FieldRule(140, 3, 0, Role.FS_BUFFER, false));
    assertThat(FieldRule.parse("4", "module_context?")).isEqualTo(new FieldRule(4, 1, 0, Role.MODULE_CONTEXT, true));
  }

  @Test
  void aUserLayoutFileIsRead() throws IOException {
    Path file = dir.resolve("mine.layout");
    Files.writeString(file, "family mine\nfield state.last_pool 0x24 # hex is fine\nroot 36 qstr_pool\nowner dict 12 map_table\n");
    Layout l = LayoutFile.read(file);
    assertThat(l.family()).isEqualTo("mine");
    assertThat(l.field("state.last_pool")).isEqualTo(36);
    assertThat(l.ownedBy("dict")).containsExactly(new FieldRule(12, 1, 0, Role.MAP_TABLE, false));
  }

  @Test
  void anOwnerRuleMayHoldForSomeValuesOfAByteOfTheOwner() throws IOException {
    Path file = dir.resolve("when.layout");
    String struct = "family mine\nstruct code_t\n  uint8_t flags[2]\n  uint8_t kind\n  pointer data\nend\n";
    Files.writeString(file, struct + "owner code code_t.data bytecode when code_t.kind=2\nowner code code_t.data native_code when code_t.kind=3,0x4\n");
    assertThat(LayoutFile.read(file).ownedBy("code")).containsExactly(
        new FieldRule(4, 1, 0, Role.BYTECODE, false, 2, 1L << 2), new FieldRule(4, 1, 0, Role.NATIVE_CODE, false, 2, 1L << 3 | 1L << 4));
    Files.writeString(file, struct + "owner code code_t.data bytecode when code_t.data=2\n");
    assertThatThrownBy(() -> LayoutFile.read(file)).isInstanceOf(CaptureException.class)
        .hasMessageContaining("when.layout:7").hasMessageContaining("not a one-byte member");
    Files.writeString(file, struct + "owner code code_t.data bytecode when code_t.kind=64\n");
    assertThatThrownBy(() -> LayoutFile.read(file)).isInstanceOf(CaptureException.class)
        .hasMessageContaining("when.layout:7").hasMessageContaining("from 0 to 63");
    Files.writeString(file, struct + "owner code code_t.data bytecode if code_t.kind=2\n");
    assertThatThrownBy(() -> LayoutFile.read(file)).isInstanceOf(CaptureException.class).hasMessageContaining("when.layout:7");
  }

  @Test
  void badLayoutFilesNameTheLine() throws IOException {
    Path file = dir.resolve("bad.layout");
    Files.writeString(file, "family x\nfield str.len eight\n");
    assertThatThrownBy(() -> LayoutFile.read(file)).isInstanceOf(CaptureException.class).hasMessageContaining("bad.layout:2").hasMessageContaining("byte offset");
    Files.writeString(file, "family x\nfeld str.len 8\n");
    assertThatThrownBy(() -> LayoutFile.read(file)).isInstanceOf(CaptureException.class).hasMessageContaining("bad.layout:2").hasMessageContaining("unknown keyword 'feld'");
    Files.writeString(file, "field str.len 8\n");
    assertThatThrownBy(() -> LayoutFile.read(file)).isInstanceOf(CaptureException.class).hasMessageContaining("no 'family NAME' line");
    assertThatThrownBy(() -> LayoutFile.read(dir.resolve("none.layout"))).isInstanceOf(CaptureException.class).hasMessageContaining("none.layout");
    assertThatThrownBy(() -> LayoutFile.builtIn("micropython-v0")).isInstanceOf(CaptureException.class).hasMessageContaining("micropython-v1.2x");
  }

  @Test
  void detectionFailsWithAHintWhenNoLayoutFits() {
    HandBuiltHeap h = new HandBuiltHeap();
    h.word(HandBuiltHeap.STATE + 92, 0);
    assertThatThrownBy(() -> ObjectInspector.detect(HandBuiltHeap.symbols(), BuiltinTypes.from(HandBuiltHeap.symbols()), h.snapshot(), 4))
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("hand-built.map")
        .hasMessageContaining("--layout FILE");
  }
}
