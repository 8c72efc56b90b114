package io.heapreel.model.open;

import io.heapreel.model.capture.RamSpan;
import io.heapreel.model.capture.Memory;
import io.heapreel.model.error.CaptureException;
import io.heapreel.model.heap.AreaDescriptorScan;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides the word size of a capture without being told: {@code --word-size} when given, else the
 * ELF's class, else the map's {@code OUTPUT(... elf32-*|elf64-*)} format, else the collector's area
 * descriptor, which fits the heap geometry at one word size only. Every other source that says
 * otherwise gives a warning naming both; a word size the descriptor in RAM contradicts is refused,
 * since decoding with it would give wrong figures.
 */
public final class WordSizeFinder {
  private final List<WordSize> claims = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  /** One source's say, in order of trust (the first one decides); null when it has none. */
  public WordSizeFinder claim(Integer bytes, String source) {
    if (bytes != null) {
      claims.add(new WordSize(bytes, source));
    }
    return this;
  }

  /** The word size of a map's {@code OUTPUT} format: elf32-* or elf64-*, any architecture; else null. */
  public static Integer ofFormat(String format) {
    if (format == null) {
      return null;
    }
    return format.startsWith("elf32-") ? Integer.valueOf(4) : format.startsWith("elf64-") ? Integer.valueOf(8) : null;
  }

  /**
   * The decision; {@code snapshots} are scanned for area descriptors at both word sizes until one
   * holds a descriptor (the first few are enough: the heap is set up before the first dump).
   */
  public WordSize decide(List<? extends Memory> snapshots, RamSpan ram) {
    WordSize geometry = geometry(snapshots, ram);
    WordSize decided = claims.isEmpty() ? geometry : claims.get(0);
    if (decided == null) {
      decided = new WordSize(4, "the default (no ELF, no OUTPUT format in the map, no area descriptor in RAM)");
    }
    List<WordSize> all = new ArrayList<>(claims);
    if (geometry != null) {
      all.add(geometry);
    }
    for (WordSize other : all) {
      if (other.bytes() != decided.bytes()) {
        warnings.add(String.format("word size: %s says %d-byte words, %s says %d; using %d",
            decided.source(), decided.bytes(), other.source(), other.bytes(), decided.bytes()));
      }
    }
    if (geometry != null && geometry.bytes() != decided.bytes()) {
      throw new CaptureException(String.format(
          "the heap geometry does not fit %d-byte words (%s): %s fits %d-byte words only; %s",
          decided.bytes(), decided.source(), geometry.source(), geometry.bytes(),
          claims.get(0).source().startsWith("--word-size")
              ? "drop --word-size or pass --word-size " + geometry.bytes()
              : "is the symbol file this firmware's? pass --word-size " + geometry.bytes() + " to decode with " + geometry.bytes() + "-byte words"));
    }
    return decided;
  }

  /** Warnings of the last {@link #decide}: sources that disagree with the decision. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /** The word size at which an area descriptor is found, when it is found at one size only. */
  private static WordSize geometry(List<? extends Memory> snapshots, RamSpan ram) {
    for (Memory snapshot : snapshots) {
      List<AreaDescriptorScan.Found> four = AreaDescriptorScan.scan(snapshot, ram, 4);
      List<AreaDescriptorScan.Found> eight = AreaDescriptorScan.scan(snapshot, ram, 8);
      if (four.isEmpty() != eight.isEmpty()) {
        int bytes = four.isEmpty() ? 8 : 4;
        long at = (four.isEmpty() ? eight : four).get(0).address();
        return new WordSize(bytes, String.format("the area-descriptor scan (a %d-bit descriptor at 0x%x)", bytes * 8, at));
      }
    }
    return null;
  }
}
