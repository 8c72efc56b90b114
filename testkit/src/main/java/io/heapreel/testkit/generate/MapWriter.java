package io.heapreel.testkit.generate;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;

/**
 * Writes {@code firmware.map} the way GNU ld does: a memory configuration, then "Linker script and
 * memory map" with linker-assigned symbols, output sections, input sections (wrapped onto two
 * lines when the name is long), {@code *fill*} gaps and symbol lines. Static objects (the heap
 * array among them) get no symbol line: only their input section names them.
 */
final class MapWriter {
  /** File-local objects: the map shows their input section only. */
  static final Set<String> STATICS = Set.of("heap", "rl", "yasmarang_d", "yasmarang_n", "yasmarang_pad", "mp_qstr_const_strings");

  private final FirmwareLayout layout;
  private final Writer out;
  private long cursor;

  private MapWriter(FirmwareLayout layout, Writer out) {
    this.layout = layout;
    this.out = out;
  }

  static void write(FirmwareLayout layout, Writer out) throws IOException {
    new MapWriter(layout, out).write();
  }

  private void write() throws IOException {
    out.write("Archive member included to satisfy reference by file (symbol)\n\n");
    out.write("Discarded input sections\n\n");
    out.write(String.format(" %-14s %s %10s %s%n", ".text", layout.hex(0), "0x0", "build-gen/py/mpstate.o"));
    out.write("\nMemory Configuration\n\nName             Origin             Length             Attributes\n");
    out.write(String.format("FLASH            0x%016x 0x%016x xr%n", FirmwareLayout.FLASH, 0x400000));
    out.write(String.format("RAM              0x%016x 0x%016x xrw%n", layout.ramBase, layout.ramBytes()));
    out.write("*default*        0x0000000000000000 0xffffffffffffffff\n\n");
    out.write("Linker script and memory map\n\n");
    for (String o : List.of("py/mpstate", "py/gc", "py/malloc", "py/qstr", "main")) {
      out.write("LOAD build-gen/" + o + ".o\n");
    }
    assign("_sfixed", "ORIGIN (FLASH)");
    assign("_srelocate", "ORIGIN (RAM)");
    assign("_estack", "(ORIGIN (RAM) + LENGTH (RAM))");
    out.write("\n");

    outputSection(".text", FirmwareLayout.FLASH, layout.romEnd - FirmwareLayout.FLASH);
    out.write(String.format("                %s                        . = ALIGN (0x4)%n", layout.hex(FirmwareLayout.FLASH)));
    out.write(" *(.isr_vector)\n");
    cursor = FirmwareLayout.FLASH;
    boolean text = false;
    boolean rodata = false;
    for (FirmwareSymbol s : layout.symbols()) {
      if (s.kind() == FirmwareSymbol.Kind.LINKER || s.address() >= layout.ramBase) {
        continue;
      }
      if (!text && s.kind() == FirmwareSymbol.Kind.FUNC) {
        out.write(" *(.text*)\n");
        text = true;
      }
      if (!rodata && s.section().startsWith(".rodata")) {
        out.write(" *(.rodata*)\n");
        rodata = true;
      }
      input(s);
    }
    fillTo(layout.romEnd);
    assignDot("_etext", layout.romEnd);
    assignDot("_sidata", layout.romEnd);
    out.write("\n");

    long dataEnd = layout.address("_edata");
    outputSection(".data", layout.ramBase, dataEnd - layout.ramBase, " load address " + layout.hex(layout.romEnd));
    assignDot("_sdata", layout.ramBase);
    out.write(" *(.data*)\n");
    cursor = layout.ramBase;
    for (FirmwareSymbol s : layout.symbols()) {
      if (s.section().startsWith(".data")) {
        input(s);
      }
    }
    assignDot("_edata", dataEnd);
    out.write("\n");

    outputSection(".bss", dataEnd, layout.ebss - dataEnd, " load address " + layout.hex(layout.romEnd + 16));
    assignDot("_sbss", dataEnd);
    out.write(" *(.bss*)\n");
    for (FirmwareSymbol s : layout.symbols()) {
      if (s.section().startsWith(".bss")) {
        input(s);
      }
    }
    out.write(" *(COMMON)\n");
    out.write(String.format("                %s                        . = ALIGN (0x4)%n", layout.hex(layout.ebss)));
    fillTo(layout.ebss);
    assignDot("_ebss", layout.ebss);
    out.write("                0x00000001                        ASSERT ((_sdata == _srelocate), .data must start at the beginning of RAM)\n");
    out.write(layout.w == 4 ? "OUTPUT(build-gen/firmware.elf elf32-littlearm)\n" : "OUTPUT(build-gen/firmware.elf elf64-littleriscv)\n");
    out.write("LOAD linker stubs\n\n");
    outputSection(".debug_info", 0, 0x9af);
    out.write(String.format(" %-14s %s %10s %s%n", ".debug_info", layout.hex(0), "0x9af", "build-gen/py/mpstate.o"));
  }

  private void outputSection(String name, long address, long size) throws IOException {
    outputSection(name, address, size, "");
  }

  private void outputSection(String name, long address, long size, String tail) throws IOException {
    out.write(String.format("%-15s %s %10s%s%n", name, layout.hex(address), "0x" + Long.toHexString(size), tail));
  }

  private void input(FirmwareSymbol s) throws IOException {
    fillTo(s.address());
    String size = "0x" + Long.toHexString(s.size());
    if (s.section().length() <= 14) {
      out.write(String.format(" %-14s %s %10s %s%n", s.section(), layout.hex(s.address()), size, s.object()));
    } else {
      out.write(" " + s.section() + "\n");
      out.write(String.format("                %s %10s %s%n", layout.hex(s.address()), size, s.object()));
    }
    if (!STATICS.contains(s.name())) {
      out.write(String.format("                %s                %s%n", layout.hex(s.address()), s.name()));
    }
    cursor = s.address() + s.size();
  }

  private void fillTo(long address) throws IOException {
    if (address > cursor) {
      out.write(String.format(" %-14s %s %10s %n", "*fill*", layout.hex(cursor), "0x" + Long.toHexString(address - cursor)));
      cursor = address;
    }
  }

  private void assign(String name, String expression) throws IOException {
    out.write(String.format("                %s                        %s = %s%n", layout.hex(layout.address(name)), name, expression));
  }

  private void assignDot(String name, long address) throws IOException {
    out.write(String.format("                %s                        %s = .%n", layout.hex(address), name));
  }
}
