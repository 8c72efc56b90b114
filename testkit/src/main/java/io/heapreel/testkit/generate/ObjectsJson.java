package io.heapreel.testkit.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code expected/objects_last.json}: every allocation of one snapshot with what the workload put
 * there, the references the collector would follow from it (words in its blocks that point into
 * the pool, block-aligned, at a head), and the roots (words of {@code mp_state_ctx}'s root-pointer
 * range and of the C stack that point at a head).
 */
final class ObjectsJson {
  private ObjectsJson() {}

  static String write(long snapshot, GcSimulator gc, Image ram, FirmwareLayout fw, CStack stack) {
    long stateCtx = fw.stateCtx;
    int w = fw.w;
    StringBuilder b = new StringBuilder(1 << 16);
    b.append("{\"snapshot\":").append(snapshot).append(",\"objects\":[");
    boolean first = true;
    for (int block = 0; block < gc.blocks; block++) {
      int kind = gc.kind(block);
      if (kind != GcSimulator.HEAD && kind != GcSimulator.MARK) {
        continue;
      }
      int blocks = gc.length(block);
      AllocTag tag = gc.tags[block];
      b.append(first ? "\n" : ",\n");
      first = false;
      long address = gc.blockAddress(block);
      b.append("{\"address\":").append(address).append(",\"block\":").append(block).append(",\"blocks\":").append(blocks);
      b.append(",\"type\":").append(string(tag == null ? "unknown" : tag.type()));
      b.append(",\"role\":").append(string(tag == null ? "unknown" : tag.role()));
      b.append(",\"name\":").append(tag == null || tag.name() == null ? "null" : string(tag.name()));
      b.append(",\"keys\":");
      if (tag != null && tag.map() != null) {
        List<String> keys = new ArrayList<>();
        for (String k : tag.map().keys()) {
          keys.add(string(k));
        }
        b.append('[').append(String.join(",", keys)).append(']');
      } else {
        b.append("null");
      }
      b.append(",\"refs\":[");
      boolean firstRef = true;
      for (long a = address; a < address + (long) blocks * gc.bytesPerBlock; a += w) {
        long word = ram.word(a);
        if (pointsAtHead(gc, word)) {
          b.append(firstRef ? "" : ",").append(word);
          firstRef = false;
        }
      }
      b.append("]}");
    }
    b.append("\n],\"roots\":[");
    first = true;
    for (long a = stateCtx + fw.dictLocals; a < stateCtx + fw.qstrLastChunk; a += w) {
      first = root(b, first, "mp_state_ctx+" + (a - stateCtx), a, ram.word(a), gc);
    }
    for (long a = stack.sp(); a < stack.top(); a += w) {
      first = root(b, first, "stack", a, ram.word(a), gc);
    }
    b.append("\n]}\n");
    return b.toString();
  }

  private static boolean pointsAtHead(GcSimulator gc, long word) {
    if (!gc.isHeapPointer(word)) {
      return false;
    }
    int k = gc.kind(gc.blockOf(word));
    return k == GcSimulator.HEAD || k == GcSimulator.MARK;
  }

  private static boolean root(StringBuilder b, boolean first, String name, long address, long word, GcSimulator gc) {
    if (!pointsAtHead(gc, word)) {
      return first;
    }
    b.append(first ? "\n" : ",\n");
    b.append("{\"name\":").append(string(name)).append(",\"address\":").append(address).append(",\"target\":").append(word).append('}');
    return false;
  }

  static String string(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
