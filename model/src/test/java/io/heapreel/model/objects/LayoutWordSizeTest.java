package io.heapreel.model.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapreel.model.error.CaptureException;
import io.heapreel.model.types.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in layouts placed for 8-byte words. The expected offsets were worked out by hand from
 * the v1.28 structs and the C rules (each member at its alignment; 8-byte words and pointers), not
 * by running the code under test.
 */
class LayoutWordSizeTest {
  @TempDir Path dir;

  @Test
  void theV12xLayoutAtEightByteWords() {
    Layout l = LayoutFile.builtIn("micropython-v1.2x", 8);
    Map<String, Integer> expected = Map.ofEntries(
        // mp_obj_type_t: base 8, flags 2, name 2, twelve slot index bytes, then slots[]
        Map.entry("type.name", 10), Map.entry("type.make_new_slot", 12), Map.entry("type.parent_slot", 22),
        Map.entry("type.locals_dict_slot", 23), Map.entry("type.slots", 24),
        // the namedtuple type: the 24-byte type, eight slots, n_fields, fields[]
        Map.entry("namedtuple.n_fields", 88), Map.entry("namedtuple.fields", 96),
        Map.entry("dict.map", 8), Map.entry("instance.map", 8), Map.entry("map.used", 0), Map.entry("map.alloc", 8), Map.entry("map.table", 16),
        Map.entry("str.len", 16), Map.entry("str.data", 24), Map.entry("array.len", 16), Map.entry("array.items", 24),
        Map.entry("list.len", 16), Map.entry("list.items", 24), Map.entry("tuple.len", 8), Map.entry("tuple.items", 16),
        Map.entry("module.globals", 8), Map.entry("fun_bc.context", 8), Map.entry("fun_bc.bytecode", 24),
        Map.entry("module_context.qstr_table", 16),
        Map.entry("qstr_pool.prev", 0), Map.entry("qstr_pool.total_prev_len", 8), Map.entry("qstr_pool.len", 24),
        Map.entry("qstr_pool.lengths", 40), Map.entry("qstr_pool.qstrs", 48),
        // mp_state_thread_t is 72 bytes (nine words, the uint16 padded to one); mp_state_vm_t follows:
        // last_pool, two 32-byte exceptions around a pointer, then the loaded-modules dict (32 bytes)
        Map.entry("state.last_pool", 72), Map.entry("state.loaded_modules", 152), Map.entry("state.dict_main", 184),
        // override dict 216, readline_hist 224..288, sys_argv list 288..320, persistent 320,
        // sys_mutable 328..352, sched_queue 352..416, vfs_cur 416, vfs_mount_table 424
        Map.entry("state.qstr_last_chunk", 432));
    expected.forEach((field, offset) -> assertThat(l.field(field)).as(field).isEqualTo(offset));
    assertThat(l.roots()).containsExactly(
        new FieldRule(72, 1, 0, Role.QSTR_POOL, false),
        new FieldRule(152 + 24, 1, 0, Role.MAP_TABLE, false),
        new FieldRule(184 + 24, 1, 0, Role.MAP_TABLE, false),
        new FieldRule(224, 8, 0, Role.STR_DATA, false),
        new FieldRule(288 + 24, 1, 0, Role.LIST_ITEMS, false),
        new FieldRule(416, 1, 0, Role.VFS_MOUNT, false),
        new FieldRule(424, 1, 0, Role.VFS_MOUNT, false),
        new FieldRule(432, 1, 0, Role.QSTR_CHUNK, false));
    assertThat(l.ownedBy("qstr_pool")).containsExactly(
        new FieldRule(0, 1, 0, Role.QSTR_POOL, false), new FieldRule(48, FieldRule.COUNTED, 24, Role.QSTR_CHUNK, false));
    // mp_obj_int_t: base, then mpz_t (a word of bit fields, len, dig)
    assertThat(l.ownedBy("int")).containsExactly(new FieldRule(24, 1, 0, Role.MPZ_DIGITS, false));
    // mp_obj_vfs_lfs2_t: base 8, blockdev 128 (flags padded to 8, block_size, 5 + 5 + 4 words),
    // enable_mtime, cur_dir at 144 (buf +16), config at 176: five pointers, eight uint32s, buffers
    assertThat(l.ownedBy("vfs_lfs2")).containsExactly(
        new FieldRule(160, 1, 0, Role.VSTR_BUFFER, false), new FieldRule(248, 3, 0, Role.FS_BUFFER, false));
    // proto_fun_indicator[2], kind at 2, is_generator, then fun_data at 8 and children at 16
    assertThat(l.ownedBy("raw_code")).containsExactly(
        new FieldRule(8, 1, 0, Role.BYTECODE, false, 2, 1L << 2), new FieldRule(8, 1, 0, Role.NATIVE_CODE, false, 2, 0b111000),
        new FieldRule(16, 1, 0, Role.CHILD_TABLE, false));
    assertThat(l.ownedBy("fun_bc")).contains(new FieldRule(8, 1, 0, Role.MODULE_CONTEXT, true));
  }

  @Test
  void theV12xLayoutAtFourByteWordsKeepsTheCheckedOffsets() {
    Layout l = LayoutFile.builtIn("micropython-v1.2x", 4);
    // the offsets of the former 32-bit table, which were checked against gdb
    assertThat(l.ownedBy("vfs_lfs2")).containsExactly(new FieldRule(80, 1, 0, Role.VSTR_BUFFER, false), new FieldRule(140, 3, 0, Role.FS_BUFFER, false));
    assertThat(l.ownedBy("int")).containsExactly(new FieldRule(12, 1, 0, Role.MPZ_DIGITS, false));
    assertThat(l.roots()).contains(new FieldRule(112, 8, 0, Role.STR_DATA, false), new FieldRule(156, 1, 0, Role.LIST_ITEMS, false),
        new FieldRule(208, 1, 0, Role.VFS_MOUNT, false), new FieldRule(216, 1, 0, Role.QSTR_CHUNK, false));
    assertThat(l.field("namedtuple.n_fields")).isEqualTo(52);
  }

  @Test
  void theOldCircuitPythonLayoutKeepsTheSeedsOffsets() {
    Layout l = LayoutFile.builtIn("circuitpython-old", 4);
    assertThat(l.field("type.parent")).isEqualTo(52);
    assertThat(l.field("type.locals_dict")).isEqualTo(56);
    assertThat(l.field("state.loaded_modules")).isEqualTo(72);
    assertThat(l.field("state.dict_main")).isEqualTo(96);
    assertThat(l.roots()).containsExactly(
        new FieldRule(20, 1, 0, Role.QSTR_POOL, false), new FieldRule(84, 1, 0, Role.MAP_TABLE, false),
        new FieldRule(108, 1, 0, Role.MAP_TABLE, false), new FieldRule(124, 1, 0, Role.LIST_ITEMS, false),
        new FieldRule(140, 1, 0, Role.LIST_ITEMS, false), new FieldRule(148, 8, 0, Role.STR_DATA, false));
    assertThat(LayoutFile.builtIn("circuitpython-old", 8).field("state.last_pool")).isEqualTo(40);
  }

  @Test
  void structMistakesAreReportedWithFileAndLineWhenTheFileIsRead() throws IOException {
    Path file = dir.resolve("mine.layout");
    Files.writeString(file, "family mine\nstruct a_t\n  pointer p\n  widget w\nend\n");
    assertThatThrownBy(() -> LayoutFile.describe(file)).isInstanceOf(CaptureException.class)
        .hasMessageContaining("mine.layout:4").hasMessageContaining("widget");
    Files.writeString(file, "family mine\nstruct a_t\n  pointer p\nend\nfield x.y a_t.q\n");
    assertThatThrownBy(() -> LayoutFile.describe(file)).isInstanceOf(CaptureException.class)
        .hasMessageContaining("mine.layout:5").hasMessageContaining("struct a_t has no member q");
    Files.writeString(file, "family mine\nstruct a_t\n  pointer p\n");
    assertThatThrownBy(() -> LayoutFile.describe(file)).isInstanceOf(CaptureException.class)
        .hasMessageContaining("mine.layout:2").hasMessageContaining("no 'end'");
    Files.writeString(file, "family mine\nstruct a_t\n  uint8_t b : 9\nend\n");
    assertThatThrownBy(() -> LayoutFile.describe(file)).isInstanceOf(CaptureException.class)
        .hasMessageContaining("mine.layout:3").hasMessageContaining("9 bits");
  }

  @Test
  void bitFieldsShareTheirUnitUnlessTheyWouldCrossIt() throws IOException {
    Path file = dir.resolve("bits.layout");
    Files.writeString(file, String.join("\n",
        "family bits", "struct s_t", "  uint8_t a", "  uint16_t b : 4", "  uint16_t c : 12", "  size_t d : word/2", "  size_t e : word/2",
        "  size_t f : 3", "  size_t g : word-3", "  char h", "end",
        "field s.b s_t.b", "field s.c s_t.c", "field s.d s_t.d", "field s.e s_t.e", "field s.g s_t.g", "field s.h s_t.h", ""));
    // 4-byte words: a at 0; b in the uint16 unit at 0 (bits 8-11); c would cross it, so it starts at byte 2;
    // d and e share the word at 4; f and g the word at 8; h at 12
    Layout four = LayoutFile.describe(file).at(4);
    assertThat(four.field("s.b")).isEqualTo(1);
    assertThat(four.field("s.c")).isEqualTo(2);
    assertThat(four.field("s.d")).isEqualTo(4);
    assertThat(four.field("s.e")).isEqualTo(6);
    assertThat(four.field("s.g")).isEqualTo(8);
    assertThat(four.field("s.h")).isEqualTo(12);
    Layout eight = LayoutFile.describe(file).at(8);
    // 8-byte words: d fits the size_t unit at 0 after c (bits 28-59, byte 3); e would cross it (byte 8);
    // f at bit 96; g would cross the unit at 64, so it starts at byte 16
    assertThat(eight.field("s.d")).isEqualTo(3);
    assertThat(eight.field("s.e")).isEqualTo(8);
    assertThat(eight.field("s.g")).isEqualTo(16);
    assertThat(eight.field("s.h")).isEqualTo(24);
  }
}
