package io.heapreel.model.capture;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which object file each piece of the firmware's code was linked from, by the map: the allocator's
 * frames are told apart by these where gdb printed a frame without its source file.
 *
 * @param functionFiles each function's object file without folders ({@code gc_alloc} -> {@code
 *     gc.o}), static functions included where a section of their own names them
 * @param sections each code input section's addresses and object file, for the frames of inlined
 *     functions, which no symbol names
 */
public record FirmwareCode(Map<String, String> functionFiles, List<Section> sections) implements Serializable {
  public static final FirmwareCode NONE = new FirmwareCode(Map.of(), List.of());

  public record Section(long start, long end, String objectFile) implements Serializable {}

  public FirmwareCode {
    functionFiles = Map.copyOf(functionFiles);
    sections = List.copyOf(sections);
  }

  /** The functions and code of the object files with one of these names, without their extensions ({@code gc.c} matches {@code gc.o}). */
  public Part of(Set<String> sourceFiles) {
    Set<String> stems = new HashSet<>();
    sourceFiles.forEach(f -> stems.add(stem(f)));
    Set<String> functions = new HashSet<>();
    functionFiles.forEach((function, file) -> {
      if (stems.contains(stem(file))) {
        functions.add(function);
      }
    });
    List<Section> code = new ArrayList<>();
    for (Section s : sections) {
      if (stems.contains(stem(s.objectFile()))) {
        code.add(s);
      }
    }
    code.sort((a, b) -> Long.compare(a.start(), b.start()));
    // sections that touch become one range, so that each bound appears once
    long[] bounds = new long[code.size() * 2];
    int n = 0;
    for (Section s : code) {
      if (n > 0 && s.start() <= bounds[n - 1]) {
        bounds[n - 1] = Math.max(bounds[n - 1], s.end());
      } else {
        bounds[n++] = s.start();
        bounds[n++] = s.end();
      }
    }
    return new Part(functions, Arrays.copyOf(bounds, n));
  }

  private static String stem(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }

  /** Some object files' functions and code. */
  public static final class Part implements Serializable {
    public static final Part NONE = new Part(Set.of(), new long[0]);
    private final Set<String> functions;
    /** start, end, start, end, ... of the sections, in address order. */
    private final long[] bounds;

    private Part(Set<String> functions, long[] bounds) {
      this.functions = Set.copyOf(functions);
      this.bounds = bounds.clone();
    }

    public boolean hasFunction(String name) {
      return functions.contains(name);
    }

    public boolean hasCode(long address) {
      int i = Arrays.binarySearch(bounds, address);
      int slot = i >= 0 ? i : -i - 2; // the bound at or below the address
      return slot >= 0 && slot % 2 == 0 && address < bounds[slot + 1];
    }

    public boolean isEmpty() {
      return functions.isEmpty() && bounds.length == 0;
    }
  }
}
