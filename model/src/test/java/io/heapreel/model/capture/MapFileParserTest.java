package io.heapreel.model.capture;

import io.heapreel.model.error.CaptureException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapreel.model.testing.RealCaptures;
import java.io.BufferedReader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class MapFileParserTest {
  private static final String MAP =
      """
      Archive member included to satisfy reference by file (symbol)

      Allocating common symbols
      Common symbol       size              file

      common_buf          0x40              build/main.o

      Discarded input sections

       .text          0x00000000        0x0 build/py/mpstate.o
       .bss.discarded 0x00000000       0x10 build/py/gone.o
                      0x00000000                discarded_symbol

      Memory Configuration

      Name             Origin             Length             Attributes
      FLASH            0x00000000         0x00400000         xr
      RAM              0x20000000         0x00009000         xrw

      Linker script and memory map

      LOAD build/main.o
                      0x00000000                        _sfixed = ORIGIN (FLASH)
                      0x20000000                        _srelocate = ORIGIN (RAM)
                      0x20009000                        _estack = (ORIGIN (RAM) + LENGTH (RAM))

      .text           0x00000000    0x34784
                      0x00000000                        . = ALIGN (0x4)
       *(.text*)
       .text.nlr_push_tail
                      0x00000040       0x10 build/py/nlr.o
                      0x00000040                nlr_push_tail
       .text.two      0x00000050       0x20 build/py/two.o
                      0x00000050                first_of_two
                      0x00000058                second_of_two
       .rodata.mp_type_dict
                      0x0002e6f8       0x40 build/py/objdict.o
                      0x0002e6f8                mp_type_dict
       .rodata.str1.1
                      0x0002f000       0x99 build/py/objstr.o

      .bss            0x20000010     0x7330 load address 0x000347a0
       *(.bss*)
       .bss.mp_state_ctx
                      0x20000010      0x2ac build/py/mpstate.o
                      0x20000010                mp_state_ctx
       .bss.yasmarang_dat
                      0x200002c0        0x1 build/extmod/modrandom.o
       *fill*         0x200002c1        0x3
       .bss.heap      0x20000320     0x7000 build/main.o
       *(COMMON)
       COMMON         0x20007320       0x40 build/main.o
                      0x20007320                common_buf
                      0x20007360                        _ebss = .
      """;

  private static SymbolTable parse(String text) {
    return MapFileParser.parse("test.map", new BufferedReader(new StringReader(text)));
  }

  @Test
  void readsLinkerAssignedSymbols() {
    SymbolTable t = parse(MAP);
    assertThat(t.find("_srelocate")).map(Symbol::address).hasValue(0x20000000L);
    assertThat(t.find("_estack")).map(Symbol::address).hasValue(0x20009000L);
    assertThat(t.find("_ebss")).map(Symbol::address).hasValue(0x20007360L);
  }

  @Test
  void readsSymbolsUnderWrappedSectionNamesWithTheirSizes() {
    SymbolTable t = parse(MAP);
    assertThat(t.find("mp_type_dict")).hasValue(new Symbol("mp_type_dict", 0x2e6f8, 0x40, ".rodata.mp_type_dict"));
    assertThat(t.find("mp_state_ctx")).hasValue(new Symbol("mp_state_ctx", 0x20000010L, 0x2ac, ".bss.mp_state_ctx"));
    assertThat(t.find("first_of_two")).map(Symbol::size).hasValue(8L);
    assertThat(t.find("second_of_two")).map(Symbol::size).hasValue(0x18L);
  }

  @Test
  void namesStaticObjectsAfterTheirInputSection() {
    SymbolTable t = parse(MAP);
    assertThat(t.find("heap")).hasValue(new Symbol("heap", 0x20000320L, 0x7000, ".bss.heap"));
    assertThat(t.find("yasmarang_dat")).map(Symbol::size).hasValue(1L);
    assertThat(t.find("str1.1")).isEmpty();
  }

  @Test
  void ignoresDiscardedSectionsAndFill() {
    SymbolTable t = parse(MAP);
    assertThat(t.find("discarded_symbol")).isEmpty();
    assertThat(t.find("discarded")).isEmpty();
    assertThat(t.find("*fill*")).isEmpty();
  }

  @Test
  void takesCommonSymbolSizesFromTheCommonTable() {
    assertThat(parse(MAP).find("common_buf")).map(Symbol::size).hasValue(0x40L);
  }

  @Test
  void describesAddressesAsSymbolPlusOffset() {
    SymbolTable t = parse(MAP);
    assertThat(t.describe(0x20000010L + 384)).hasValue("mp_state_ctx+384");
    assertThat(t.describe(0x20000010L)).hasValue("mp_state_ctx");
    assertThat(t.describe(0x20008000L)).isEmpty();
  }

  @Test
  void refusesTextThatIsNotAMapFile() {
    assertThatThrownBy(() -> parse("hello\nworld\n"))
        .isInstanceOf(CaptureException.class)
        .hasMessageStartingWith("test.map: not a GNU ld map file");
  }

  @Test
  void readsTheRealDevMap() {
    SymbolTable t = MapFileParser.parse(RealCaptures.referenceFile("dev", "firmware.map"));
    // gdb_layout.txt and struct_layouts.txt give these from the ELF
    assertThat(t.find("mp_state_ctx")).map(Symbol::address).hasValue(0x20000010L);
    assertThat(t.find("mp_state_ctx")).map(Symbol::size).hasValue(684L);
    assertThat(t.find("heap")).hasValue(new Symbol("heap", 0x20000320L, 28672, ".bss.heap"));
    assertThat(t.find("mp_type_type")).map(Symbol::address).hasValue(0x2fe5cL);
    assertThat(t.find("mp_type_dict")).map(Symbol::address).hasValue(0x2e6f8L);
    assertThat(t.find("mp_type_str")).map(Symbol::address).hasValue(0x2fb38L);
    assertThat(t.find("mp_qstr_const_pool")).map(Symbol::address).hasValue(0x2bbdcL);
    assertThat(t.find("gc_log_change_counter")).map(Symbol::address).hasValue(0x200002bcL);
    assertThat(t.find("gc_log_change")).map(Symbol::address).hasValue(0x27cL);
    assertThat(t.withPrefix("mp_type_")).hasSizeGreaterThan(90);
  }

  @Test
  void readsTheOutputFormatOfTheRealDevMap() {
    // the map's own line: OUTPUT(build-gclog-dev/firmware.elf elf32-littlearm)
    assertThat(MapFileParser.outputFormat(RealCaptures.referenceFile("dev", "firmware.map"))).isEqualTo("elf32-littlearm");
  }

  @Test
  void aMapWithoutAnOutputLineHasNoFormat(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path map = dir.resolve("x.map");
    java.nio.file.Files.writeString(map, "Linker script and memory map\n\nLOAD build/main.o\nOUTPUT(build/firmware.elf elf64-littleriscv)\n");
    assertThat(MapFileParser.outputFormat(map)).isEqualTo("elf64-littleriscv");
    java.nio.file.Files.writeString(map, "Linker script and memory map\n\nLOAD build/main.o\n");
    assertThat(MapFileParser.outputFormat(map)).isNull();
  }
}
