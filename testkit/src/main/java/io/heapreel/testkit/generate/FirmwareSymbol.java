package io.heapreel.testkit.generate;

/**
 * One symbol of the synthetic firmware, with where the linker put it.
 *
 * @param section the input section ({@code .text.gc_alloc}), empty for linker-assigned symbols
 * @param object the object file the section came from
 * @param kind what the ELF symbol table calls it
 */
record FirmwareSymbol(String name, long address, long size, String section, String object, Kind kind) {
  enum Kind {
    FUNC,
    OBJECT,
    LINKER
  }
}
