package io.heapreel.model.render;

import io.heapreel.model.heap.BlockState;
import io.heapreel.model.heap.HeapStats;
import io.heapreel.model.types.Role;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Hand-built frame inputs whose pixels a test compares with the previous renderer's: a big heap
 * (4-pixel cells, so the event gets its ring) with every marker, and events at the grid's corners.
 */
final class SyntheticFrames {
  private SyntheticFrames() {}

  static final int BIG_BLOCKS = 33_020;

  /** A 516 KiB heap: allocations of every colour class, sizes 1..40 blocks, some marked, finalised or garbage. */
  static FrameInput bigHeap(FrameEvent event, long snapshot) {
    byte[] states = new byte[BIG_BLOCKS];
    List<FrameAllocation> allocations = new ArrayList<>();
    List<ColourClass> colours = new ArrayList<>(List.of(
        ColourClass.builtin("str"), ColourClass.builtin("dict"), ColourClass.builtin("list"), ColourClass.builtin("tuple"),
        ColourClass.userClass("Sensor"), ColourClass.UNKNOWN, ColourClass.builtin("fun_bc"), ColourClass.builtin("module")));
    // the roles of PreviousFramesTest's reference frames, drawn before set_table, tuple_items, traceback, deque_items,
    // deflate_reader, deflate_window, int_text, poll_entry, failed_match and native_code were
    for (Role r : EnumSet.complementOf(EnumSet.of(Role.SET_TABLE, Role.TUPLE_ITEMS, Role.TRACEBACK, Role.DEQUE_ITEMS,
        Role.DEFLATE_READER, Role.DEFLATE_WINDOW, Role.INT_TEXT, Role.POLL_ENTRY, Role.FAILED_MATCH, Role.NATIVE_CODE))) {
      colours.add(ColourClass.raw(r));
    }
    int used = 0;
    int free = 0;
    int b = 0;
    int k = 0;
    while (b < BIG_BLOCKS) {
      int size = 1 + (k * 7) % 40;
      int gap = (k * 13) % 5 == 0 ? 1 + k % 9 : 0;
      b += gap;
      free += Math.min(gap, Math.max(0, BIG_BLOCKS - (b - gap)));
      if (b + size > BIG_BLOCKS) {
        free += BIG_BLOCKS - b;
        break;
      }
      states[b] = BlockState.HEAD;
      for (int t = 1; t < size; t++) {
        states[b + t] = BlockState.TAIL;
      }
      allocations.add(new FrameAllocation(0, b, size, colours.get(k % colours.size()), k % 11 == 0, k % 17 == 0, k % 5 == 0));
      used += size;
      b += size;
      k++;
    }
    for (int t = 0; t < 3; t++) {
      states[BIG_BLOCKS - 200 + t] = BlockState.TAIL; // orphan tails: no allocation claims them
    }
    HeapStats totals = new HeapStats(allocations.size(), allocations.size() / 11, used, used - allocations.size(), 3, free, 9, 100, 12, BIG_BLOCKS);
    int[] freeSeries = new int[3000];
    int[] largest = new int[3000];
    for (int i = 0; i < freeSeries.length; i++) {
      freeSeries[i] = (int) (BIG_BLOCKS * (0.3 + 0.6 * Math.abs(Math.sin(i / 300.0))));
      largest[i] = freeSeries[i] / (2 + i % 7);
    }
    FreeTimeline timeline = FreeTimeline.of(freeSeries, largest, BIG_BLOCKS);
    return new FrameInput(snapshot, List.of(new AreaBlocks(0x20010000L, 16, states)), allocations, event, totals, timeline);
  }

  /** The inputs compared: no event, an alloc in the first cells, a free of the last block, a long alloc across rows. */
  static List<FrameInput> all() {
    return List.of(
        bigHeap(null, 0),
        bigHeap(new FrameEvent(1, "alloc", 0, 0, 3, "make_counter (workload.py:120)"), 1),
        bigHeap(new FrameEvent(2999, "free", 0, BIG_BLOCKS - 1, 0, ""), 2999),
        bigHeap(new FrameEvent(1500, "sweep", 0, 255, 0, "gc_collect"), 1500),
        bigHeap(new FrameEvent(700, "alloc", 0, 1000, 600, "a very long site name that runs past the end of the caption line " + "x".repeat(200)), 700));
  }
}
