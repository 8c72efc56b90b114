package io.heapreel.testkit.generate;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a minimal ELF32 little-endian ARM executable for the synthetic firmware: {@code .text}
 * with the flash image, {@code .data}, {@code .bss}, and a symbol table ({@code .symtab},
 * {@code .strtab}, {@code .shstrtab}) holding the same symbols, with sizes, as the map. Enough for
 * a symbol reader; there are no program headers, so nothing would run it.
 */
final class ElfWriter {
  private static final int SHT_PROGBITS = 1;
  private static final int SHT_SYMTAB = 2;
  private static final int SHT_STRTAB = 3;
  private static final int SHT_NOBITS = 8;
  private static final int SHF_WRITE_ALLOC = 3;
  private static final int SHF_ALLOC_EXEC = 6;
  private static final int EM_ARM = 40;

  private ElfWriter() {}

  static byte[] build(FirmwareLayout layout, Image rom) {
    long edata = layout.address("_edata");
    Strings shstr = new Strings();
    Strings str = new Strings();
    List<FirmwareSymbol> ordered = new ArrayList<>();
    for (FirmwareSymbol s : layout.symbols()) {
      if (MapWriter.STATICS.contains(s.name())) {
        ordered.add(s); // locals first, as the format requires
      }
    }
    int firstGlobal = ordered.size() + 1;
    for (FirmwareSymbol s : layout.symbols()) {
      if (!MapWriter.STATICS.contains(s.name())) {
        ordered.add(s);
      }
    }
    ByteBuffer symtab = ByteBuffer.allocate(16 * (ordered.size() + 1)).order(ByteOrder.LITTLE_ENDIAN);
    symtab.put(new byte[16]);
    for (FirmwareSymbol s : ordered) {
      boolean local = MapWriter.STATICS.contains(s.name());
      int type = switch (s.kind()) {
        case FUNC -> 2;
        case OBJECT -> 1;
        case LINKER -> 0;
      };
      int shndx = s.kind() == FirmwareSymbol.Kind.LINKER ? 0xfff1 : s.address() < FirmwareLayout.RAM ? 1 : s.address() < edata ? 2 : 3;
      symtab.putInt(str.add(s.name()));
      symtab.putInt((int) (s.kind() == FirmwareSymbol.Kind.FUNC ? s.address() | 1 : s.address())); // Thumb bit
      symtab.putInt((int) s.size());
      symtab.put((byte) (((local ? 0 : 1) << 4) | type));
      symtab.put((byte) 0);
      symtab.putShort((short) shndx);
    }
    int[] names = {0, shstr.add(".text"), shstr.add(".data"), shstr.add(".bss"), shstr.add(".symtab"), shstr.add(".strtab"), shstr.add(".shstrtab")};

    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int textOff = 52;
    body.writeBytes(rom.bytes);
    int dataOff = 52 + body.size();
    body.writeBytes(new byte[(int) (edata - FirmwareLayout.RAM)]);
    int symOff = 52 + body.size();
    body.writeBytes(symtab.array());
    int strOff = 52 + body.size();
    body.writeBytes(str.bytes());
    int shstrOff = 52 + body.size();
    body.writeBytes(shstr.bytes());
    int shoff = (52 + body.size() + 3) & ~3;

    ByteBuffer elf = ByteBuffer.allocate(shoff + 40 * 7).order(ByteOrder.LITTLE_ENDIAN);
    elf.put(new byte[] {0x7f, 'E', 'L', 'F', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    elf.putShort((short) 2).putShort((short) EM_ARM).putInt(1);
    elf.putInt((int) (layout.address("Reset_Handler") | 1)).putInt(0).putInt(shoff).putInt(0x05000200);
    elf.putShort((short) 52).putShort((short) 32).putShort((short) 0).putShort((short) 40).putShort((short) 7).putShort((short) 6);
    elf.put(body.toByteArray());
    elf.position(shoff);
    elf.put(new byte[40]);
    section(elf, names[1], SHT_PROGBITS, SHF_ALLOC_EXEC, FirmwareLayout.FLASH, textOff, rom.bytes.length, 0, 0, 4, 0);
    section(elf, names[2], SHT_PROGBITS, SHF_WRITE_ALLOC, FirmwareLayout.RAM, dataOff, edata - FirmwareLayout.RAM, 0, 0, 4, 0);
    section(elf, names[3], SHT_NOBITS, SHF_WRITE_ALLOC, edata, symOff, layout.ebss - edata, 0, 0, 16, 0);
    section(elf, names[4], SHT_SYMTAB, 0, 0, symOff, symtab.capacity(), 5, firstGlobal, 4, 16);
    section(elf, names[5], SHT_STRTAB, 0, 0, strOff, str.bytes().length, 0, 0, 1, 0);
    section(elf, names[6], SHT_STRTAB, 0, 0, shstrOff, shstr.bytes().length, 0, 0, 1, 0);
    return elf.array();
  }

  private static void section(ByteBuffer b, int name, int type, int flags, long addr, int offset, long size, int link, int info, int align, int entsize) {
    b.putInt(name).putInt(type).putInt(flags).putInt((int) addr).putInt(offset).putInt((int) size);
    b.putInt(link).putInt(info).putInt(align).putInt(entsize);
  }

  /** A string table: NUL first, each name NUL-terminated. */
  private static final class Strings {
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    Strings() {
      data.write(0);
    }

    int add(String s) {
      int at = data.size();
      data.writeBytes(s.getBytes(StandardCharsets.UTF_8));
      data.write(0);
      return at;
    }

    byte[] bytes() {
      return data.toByteArray();
    }
  }
}
