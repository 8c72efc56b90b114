package io.heapreel.model.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapreel.model.error.CaptureException;
import io.heapreel.model.testing.RealCaptures;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** gdb's ptype/o output read as struct layouts: the dev firmware's real output, and hand-written 64-bit output. */
class PtypeLayoutsTest {
  private static Map<String, StructLayout> dev() {
    return PtypeLayouts.read(RealCaptures.referenceFile("dev", "struct_layouts.txt"), 4);
  }

  @Test
  void readsTheDevFirmwaresPtypeOutput() {
    Map<String, StructLayout> s = dev();
    // figures as printed in struct_layouts.txt
    assertThat(s.get("_mp_obj_type_t").members().get("name").offset()).isEqualTo(6);
    assertThat(s.get("mp_obj_type_t").members().get("slots").offset()).isEqualTo(20);
    assertThat(s.get("mp_obj_type_t").members().get("slots").count()).isZero();
    assertThat(s.get("mp_map_t").members().get("used").offset()).isZero();
    assertThat(s.get("mp_map_t").members().get("used").bit()).isEqualTo(3);
    assertThat(s.get("mp_map_t").members().get("used").bitWidth()).isEqualTo(29);
    assertThat(s.get("qstr_pool_t").members().get("is_sorted").offset()).isEqualTo(7);
    assertThat(s.get("qstr_pool_t").members().get("is_sorted").bit()).isEqualTo(7);
    assertThat(s.get("mp_state_vm_t").members().get("readline_hist").count()).isEqualTo(8);
    assertThat(s.get("mp_state_vm_t").members().get("readline_hist").type()).isEqualTo("pointer");
    assertThat(s.get("mp_state_vm_t").members().get("dict_main").type()).isEqualTo("mp_obj_dict_t");
    assertThat(s.get("mp_state_vm_t").members().get("map_lookup_cache").offset()).isEqualTo(208);
    assertThat(s.get("mp_state_vm_t").size()).isEqualTo(336);
    assertThat(s.get("mp_obj_dict_t").size()).isEqualTo(16);
  }

  @Test
  void theBuiltInDescriptionAtFourByteWordsGivesTheDevFirmwaresOffsets() {
    Map<String, StructLayout> gdb = dev();
    Map<String, StructLayout> ours = LayoutFile.builtInDescription("micropython-v1.2x").structLayouts(4, Map.of());
    int compared = 0;
    for (StructLayout described : ours.values()) {
      StructLayout real = gdb.get(described.name());
      if (real == null) {
        continue;
      }
      for (StructLayout.Member m : described.members().values()) {
        StructLayout.Member r = real.members().get(m.name());
        assertThat(r).as(described.name() + "." + m.name() + " is in the firmware").isNotNull();
        assertThat(m.bitOffset()).as(described.name() + "." + m.name()).isEqualTo(r.bitOffset());
        assertThat(m.count()).as(described.name() + "." + m.name() + " elements").isEqualTo(r.count());
        compared++;
      }
    }
    // 81 members of 16 structs are in both
    assertThat(compared).isGreaterThanOrEqualTo(80);
  }

  @Test
  void aLayoutFromTheDevFirmwaresStructsHasTheBuiltInOffsets() {
    LayoutDescription v12x = LayoutFile.builtInDescription("micropython-v1.2x");
    Layout fromGdb = v12x.at(4, dev(), "struct_layouts.txt");
    Layout builtIn = v12x.at(4);
    assertThat(fromGdb.fields()).isEqualTo(builtIn.fields());
    assertThat(fromGdb.roots()).isEqualTo(builtIn.roots());
    assertThat(fromGdb.owners()).isEqualTo(builtIn.owners());
    assertThat(fromGdb.source()).contains("struct_layouts.txt");
  }

  private static final String RV64 =
      """
      /* offset      |    size */  type = struct _mp_obj_str_t {
      /*      0      |       8 */    mp_obj_base_t base;
      /*      8      |       8 */    size_t hash;
      /*     16      |       8 */    size_t len;
      /*     24      |       8 */    const byte *data;

                                     /* total size (bytes):   32 */
                                   }
      /* offset      |    size */  type = struct _mp_vfs_blockdev_t {
      /*      0      |       2 */    uint16_t flags;
      /* XXX  6-byte hole      */
      /*      8      |       8 */    size_t block_size;
      /*     16      |      40 */    mp_obj_t readblocks[5];
      /*     56      |      40 */    mp_obj_t writeblocks[5];
      /*     96      |      32 */    union {
      /*                     32 */        mp_obj_t ioctl[4];
      /*                     32 */        struct {
      /*     96      |      16 */            mp_obj_t sync[2];
      /*    112      |      16 */            mp_obj_t count[2];

                                             /* total size (bytes):   32 */
                                         } old;

                                         /* total size (bytes):   32 */
                                     } u;

                                     /* total size (bytes):  128 */
                                   }
      /* offset      |    size */  type = struct _mp_obj_type_t {
      /*      0      |       8 */    mp_obj_base_t base;
      /*      8      |       2 */    uint16_t flags;
      /*     10      |       2 */    uint16_t name;
      /*     12      |       8 */    void (*print)(const mp_print_t *, mp_obj_t, mp_print_kind_t);

                                     /* total size (bytes):   24 */
                                   }
      """;

  @Test
  void readsSixtyFourBitOutputWithUnionsAndFunctionPointers() {
    Map<String, StructLayout> s = PtypeLayouts.parse(RV64, "layout.txt", 8);
    assertThat(s.get("mp_obj_str_t").members().get("data").offset()).isEqualTo(24);
    assertThat(s.get("mp_obj_str_t").size()).isEqualTo(32);
    StructLayout.Member u = s.get("mp_vfs_blockdev_t").members().get("u");
    assertThat(u.offset()).isEqualTo(96);
    StructLayout union = s.get(u.type());
    assertThat(union.members().get("ioctl").offset()).isZero();
    assertThat(union.members().get("ioctl").count()).isEqualTo(4);
    StructLayout old = s.get(union.members().get("old").type());
    assertThat(old.members().get("count").offset()).isEqualTo(16);
    assertThat(s.get("mp_obj_type_t").members().get("print").type()).isEqualTo("pointer");
    assertThat(s.get("mp_obj_type_t").members().get("print").offset()).isEqualTo(12);
  }

  @Test
  void structsOfAnotherWordSizeOrCutShortAreRefusedWithTheLine() {
    assertThatThrownBy(() -> PtypeLayouts.parse(RV64, "layout.txt", 4))
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("layout.txt:5")
        .hasMessageContaining("8-byte pointer")
        .hasMessageContaining("4-byte words");
    assertThatThrownBy(() -> PtypeLayouts.parse(RV64.substring(0, RV64.indexOf("/* XXX")), "layout.txt", 8))
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("layout.txt:")
        .hasMessageContaining("not closed");
    assertThatThrownBy(() -> PtypeLayouts.parse("No symbol \"mp_state_ctx_t\" in current context.\n", "layout.txt", 8))
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("no struct layouts");
  }

  @Test
  void theDevCaptureReadWithItsPtypeOutputGivesTheSameObjects() {
    try (io.heapreel.model.open.Capture c = io.heapreel.model.open.Capture.open(RealCaptures.dev())) {
      var last = c.snapshots().snapshot(c.snapshots().count() - 1);
      Layout fromGdb = LayoutChoice.of(c, RealCaptures.referenceFile("dev", "struct_layouts.txt").toString());
      assertThat(fromGdb.source()).contains("struct_layouts.txt");
      ObjectSnapshot withGdb = new ObjectInspector(c, fromGdb).inspect(last);
      ObjectSnapshot builtIn = ObjectInspector.of(c).inspect(last);
      assertThat(withGdb.objects()).hasSize(365).isEqualTo(builtIn.objects());
      assertThat(withGdb.roots()).isEqualTo(builtIn.roots());
    }
  }

  /**
   * Real output of scripts/capture.gdb's layout block: gdb 12 on x86-64 with gdb-x86_64-layout.c
   * (structs shaped like MicroPython's, compiled with gcc -g), missing structs noted as comments.
   */
  @Test
  void readsWhatTheCaptureScriptWritesOnASixtyFourBitTarget() throws Exception {
    String text = new String(getClass().getResourceAsStream("gdb-x86_64-layout.txt").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    Map<String, StructLayout> s = PtypeLayouts.parse(text, "layout.txt", 8);
    assertThat(s.get("mp_map_t").members().get("table").offset()).isEqualTo(16);
    assertThat(s.get("mp_map_t").members().get("used").bitWidth()).isEqualTo(61);
    assertThat(s.get("mp_obj_dict_t").members().get("map").offset()).isEqualTo(8);
    assertThat(s.get("qstr_pool_t").members().get("qstrs").offset()).isEqualTo(48);
    assertThat(s.get("qstr_pool_t").members().get("is_sorted").bitOffset()).isEqualTo(15 * 8 + 7);
    assertThat(s.get("mp_obj_type_t").members().get("print").offset()).isEqualTo(16);
    StructLayout.Member u = s.get("mp_vfs_blockdev_t").members().get("u");
    assertThat(u.offset()).isEqualTo(56);
    assertThat(s.get(s.get(u.type()).members().get("old").type()).members().get("count").offset()).isEqualTo(16);
    assertThat(s.get("mp_vfs_blockdev_t").size()).isEqualTo(88);
  }

  /**
   * layout.txt as scripts/capture.gdb writes it, from the ELFs of two real MicroPython v1.28 builds
   * under QEMU (issue 21's mixed-arm, Cortex-M3, and mixed-rv64, RISC-V 64): every member the
   * built-in description places has the firmware's own offset, at 4- and at 8-byte words.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({"mixed-arm-layout.txt, 4", "mixed-rv64-layout.txt, 8"})
  void theBuiltInDescriptionGivesTheOffsetsOfRealBuilds(String file, int wordSize) throws Exception {
    String text = new String(getClass().getResourceAsStream(file).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    Map<String, StructLayout> real = PtypeLayouts.parse(text, file, wordSize);
    LayoutDescription v12x = LayoutFile.builtInDescription("micropython-v1.2x");
    java.util.List<String> differences = new java.util.ArrayList<>();
    int compared = 0;
    for (StructLayout described : v12x.structLayouts(wordSize, Map.of()).values()) {
      StructLayout r = real.get(described.name());
      if (r == null) {
        continue;
      }
      for (StructLayout.Member m : described.members().values()) {
        StructLayout.Member rm = r.members().get(m.name());
        if (rm == null || rm.bitOffset() != m.bitOffset()) {
          differences.add(described.name() + "." + m.name() + ": " + m.bitOffset() / 8 + " against " + (rm == null ? "absent" : rm.bitOffset() / 8));
        }
        compared++;
      }
    }
    assertThat(differences).isEmpty();
    assertThat(compared).isGreaterThan(100);
    // and the layout read from the build's own structs is the one placed from the description
    Layout fromGdb = v12x.at(wordSize, real, file);
    Layout placed = v12x.at(wordSize);
    assertThat(fromGdb.fields()).isEqualTo(placed.fields());
    assertThat(fromGdb.roots()).isEqualTo(placed.roots());
    assertThat(fromGdb.owners()).isEqualTo(placed.owners());
  }
  /**
   * extmod/moddeflate.c's structs are typedefs of anonymous structs, which ptype/o prints as
   * {@code type = struct {}: capture.gdb cannot name them in layout.txt. Their offsets in gdb's
   * ptype/o of mp_obj_deflateio_t and mp_obj_deflateio_read_t of the v1.28 MPS2_AN385 and VIRT_RV64
   * (split heap) builds: format, window_bits, close at byte 8 bits 0, 2, 6 and read at 12, size 16
   * (32-bit); at byte 16 and read at 24, size 32 (64-bit); window at 0 on both.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({"4, 8, 12, 16", "8, 16, 24, 32"})
  void theDeflateStructsHaveTheOffsetsGdbPrintsForRealBuilds(int wordSize, int flagsByte, int read, int size) {
    Map<String, StructLayout> placed = LayoutFile.builtInDescription("micropython-v1.2x").structLayouts(wordSize, Map.of());
    StructLayout io = placed.get("mp_obj_deflateio_t");
    assertThat(io.members().get("stream").offset()).isEqualTo(wordSize);
    assertThat(io.members().get("format").bitOffset()).isEqualTo(flagsByte * 8L);
    assertThat(io.members().get("window_bits").bitOffset()).isEqualTo(flagsByte * 8L + 2);
    assertThat(io.members().get("close").bitOffset()).isEqualTo(flagsByte * 8L + 6);
    assertThat(io.members().get("read").offset()).isEqualTo(read);
    assertThat(io.size()).isEqualTo(size);
    assertThat(placed.get("mp_obj_deflateio_read_t").members().get("window").offset()).isZero();
  }
}
