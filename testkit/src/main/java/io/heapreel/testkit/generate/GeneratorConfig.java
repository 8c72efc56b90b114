package io.heapreel.testkit.generate;

/**
 * What to generate.
 *
 * @param snapshots events (and RAM dumps) in the capture
 * @param heapKib size of the static heap array in KiB
 * @param seed the workload's random seed: the same configuration gives the same bytes
 * @param wordSize machine word in bytes: 4 (a 32-bit ARM board) or 8 (a 64-bit RISC-V one: 32-byte
 *     blocks, the heap below the VM state, a map and flash image but no ELF)
 * @param splitHeap two heap areas, as MICROPY_GC_SPLIT_HEAP (and CircuitPython's split heap) make:
 *     {@code gc_init} on the first half of the heap array, {@code gc_add} on the second
 */
public record GeneratorConfig(long snapshots, int heapKib, long seed, int wordSize, boolean splitHeap) {
  public GeneratorConfig(long snapshots, int heapKib, long seed, int wordSize) {
    this(snapshots, heapKib, seed, wordSize, false);
  }

  public GeneratorConfig {
    if (snapshots < 1) {
      throw new IllegalArgumentException("--snapshots must be at least 1, not " + snapshots);
    }
    if (heapKib < 4 || heapKib > 4096) {
      throw new IllegalArgumentException("--heap-kib must be between 4 and 4096, not " + heapKib);
    }
    if (wordSize != 4 && wordSize != 8) {
      throw new IllegalArgumentException("--word-size must be 4 or 8, not " + wordSize);
    }
  }
}
