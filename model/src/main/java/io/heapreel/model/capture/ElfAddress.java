package io.heapreel.model.capture;

import net.fornwall.jelf.ElfFile;

/**
 * An address field of an ELF file as the unsigned number it is. jelf reads a 32-bit ELF's
 * addresses as Java ints widened with their sign, so an address from 0x80000000 up (RAM and flash
 * of RISC-V's virt machine, for one) would come out as 0xffffffff80000000.
 */
final class ElfAddress {
  private ElfAddress() {}

  static long of(ElfFile elf, long field) {
    return elf.is32Bits() ? field & 0xffffffffL : field;
  }
}
