package io.heapreel.model.generate;

/**
 * What to generate.
 *
 * @param snapshots events (and RAM dumps) in the capture
 * @param heapKib size of the static heap array in KiB
 * @param seed the workload's random seed: the same configuration gives the same bytes
 * @param wordSize machine word in bytes; only 4 (32-bit, as the v1.28 structs here) is supported
 */
public record GeneratorConfig(long snapshots, int heapKib, long seed, int wordSize) {
  public GeneratorConfig {
    if (snapshots < 1) {
      throw new IllegalArgumentException("--snapshots must be at least 1, not " + snapshots);
    }
    if (heapKib < 4 || heapKib > 4096) {
      throw new IllegalArgumentException("--heap-kib must be between 4 and 4096, not " + heapKib);
    }
    if (wordSize != 4) {
      throw new IllegalArgumentException("--word-size " + wordSize + " is not supported yet: the generator writes the 32-bit v1.28 structs");
    }
  }
}
