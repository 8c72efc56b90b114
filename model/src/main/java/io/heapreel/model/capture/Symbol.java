package io.heapreel.model.capture;

import java.io.Serializable;

/**
 * A named address from the map file or the ELF symbol table.
 *
 * @param size bytes, or 0 when the source does not say (linker-assigned symbols)
 * @param section the input or output section it was found in, empty when unknown
 */
public record Symbol(String name, long address, long size, String section) implements Serializable {
  public long end() {
    return address + size;
  }

  public boolean contains(long addr) {
    return addr >= address && addr < address + Math.max(size, 1);
  }
}
