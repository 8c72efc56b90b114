package io.heapreel.model.heap;

import io.heapreel.model.capture.Memory;
import java.util.List;
import java.util.Map;

/**
 * A text heap map in the style of MicroPython's {@code micropython.mem_info(1)}: 64 blocks a line,
 * {@code .} free, {@code =} tail, {@code m} a marked head, and a letter per head by built-in type.
 * Runs of all-free lines are folded into one line, as the firmware does.
 */
public final class HeapMapText {
  public static final int BLOCKS_PER_LINE = 64;

  /** Head letters by built-in type; any other head is {@code h}. */
  public static final Map<String, Character> LETTERS =
      Map.ofEntries(
          Map.entry("tuple", 'T'),
          Map.entry("list", 'L'),
          Map.entry("dict", 'D'),
          Map.entry("str", 'S'),
          Map.entry("bytes", 'S'),
          Map.entry("bytearray", 'A'),
          Map.entry("array", 'A'),
          Map.entry("float", 'F'),
          Map.entry("fun_bc", 'B'),
          Map.entry("closure", 'B'),
          Map.entry("bound_meth", 'B'),
          Map.entry("type", 'C'),
          Map.entry("module", 'M'),
          Map.entry("object", 'O'));

  private HeapMapText() {}

  public static String legend() {
    return ". free  = tail  m marked head  h head of another type  "
        + "T tuple  L list  D dict  S str/bytes  A bytearray/array  F float  B function  C class  M module  O object";
  }

  public static String render(Memory snapshot, HeapLocation location, List<Allocation> allocations) {
    StringBuilder out = new StringBuilder();
    long present = location.links() == null ? -1L : location.links().present(snapshot).areas();
    for (int a = 0; a < location.areas().size(); a++) {
      HeapArea area = location.areas().get(a);
      if ((present & (1L << a)) == 0) {
        out.append(String.format("area %d at 0x%08x: not in this snapshot's list of areas (the heap grows; not heap here)%n", a, area.poolStart()));
        continue;
      }
      char[] cells = cells(snapshot, area, a, allocations);
      if (location.areas().size() > 1) {
        out.append(String.format("area %d at 0x%08x:%n", a, area.poolStart()));
      }
      appendLines(out, cells);
    }
    return out.toString();
  }

  private static char[] cells(Memory snapshot, HeapArea area, int areaIndex, List<Allocation> allocations) {
    byte[] states = BlockState.all(snapshot, area);
    char[] cells = new char[states.length];
    for (int b = 0; b < states.length; b++) {
      cells[b] = switch (states[b]) {
        case BlockState.FREE -> '.';
        case BlockState.TAIL -> '=';
        case BlockState.MARK -> 'm';
        default -> 'h';
      };
    }
    for (Allocation alloc : allocations) {
      if (alloc.area() == areaIndex && !alloc.marked() && alloc.builtinType() != null) {
        cells[alloc.block()] = LETTERS.getOrDefault(alloc.builtinType(), 'h');
      }
    }
    return cells;
  }

  private static void appendLines(StringBuilder out, char[] cells) {
    int freeLines = 0;
    for (int start = 0; start < cells.length; start += BLOCKS_PER_LINE) {
      int end = Math.min(cells.length, start + BLOCKS_PER_LINE);
      boolean allFree = true;
      for (int b = start; b < end && allFree; b++) {
        allFree = cells[b] == '.';
      }
      if (allFree && end < cells.length) {
        freeLines++;
        continue;
      }
      if (freeLines > 0) {
        out.append(String.format("       (%d lines all free)%n", freeLines));
        freeLines = 0;
      }
      out.append(String.format("%05x: ", start)).append(cells, start, end - start).append('\n');
    }
  }
}
