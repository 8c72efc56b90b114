package io.heapreel.model.render;

import io.heapreel.model.capture.Memory;
import io.heapreel.model.capture.SnapshotFile;
import io.heapreel.model.heap.Allocation;
import io.heapreel.model.heap.BlockState;
import io.heapreel.model.heap.HeapArea;
import io.heapreel.model.heap.HeapDecoder;
import io.heapreel.model.heap.HeapStats;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/** Builds {@link FrameInput}s from decoded snapshots, and the capture's {@link FreeTimeline}. */
public final class FrameInputs {
  private FrameInputs() {}

  /** Colour by the built-in type the first word points at; anything else is unknown. */
  public static ColourClass builtinColour(Allocation allocation) {
    return ColourClass.builtin(allocation.builtinType());
  }

  /** A frame coloured by built-in types only, with no reachability (nothing drawn as garbage). */
  public static FrameInput of(long snapshot, Memory memory, HeapDecoder decoder, FrameEvent event, FreeTimeline timeline) {
    return of(snapshot, memory, decoder, event, timeline, FrameInputs::builtinColour, a -> false);
  }

  /**
   * @param colours the colour class of each allocation (user classes and raw roles come from the
   *     object decoder)
   * @param garbage whether an allocation is unreachable
   */
  public static FrameInput of(
      long snapshot,
      Memory memory,
      HeapDecoder decoder,
      FrameEvent event,
      FreeTimeline timeline,
      Function<Allocation, ColourClass> colours,
      Predicate<Allocation> garbage) {
    return of(snapshot, memory, decoder, decoder.allocations(memory), event, timeline, colours, garbage);
  }

  /** A frame of allocations already decoded (by the object analysis, say). */
  public static FrameInput of(
      long snapshot,
      Memory memory,
      HeapDecoder decoder,
      List<Allocation> decoded,
      FrameEvent event,
      FreeTimeline timeline,
      Function<Allocation, ColourClass> colours,
      Predicate<Allocation> garbage) {
    List<AreaBlocks> areas = new ArrayList<>();
    List<HeapArea> heapAreas = decoder.location().areas();
    long present = decoder.present(memory).areas();
    for (int a = 0; a < heapAreas.size(); a++) {
      HeapArea area = heapAreas.get(a);
      byte[] states = (present & (1L << a)) != 0 ? BlockState.all(memory, area) : AreaBlocks.notHeap(area.blocks());
      areas.add(new AreaBlocks(area.poolStart(), area.bytesPerBlock(), states));
    }
    List<FrameAllocation> allocations = new ArrayList<>();
    for (Allocation a : decoded) {
      ColourClass colour = colours.apply(a);
      allocations.add(
          new FrameAllocation(
              a.area(), a.block(), a.blocks(), colour == null ? ColourClass.UNKNOWN : colour, a.marked(), a.finaliser(), garbage.test(a)));
    }
    return new FrameInput(snapshot, areas, allocations, FrameEvents.placed(event, decoder.location(), present), decoder.stats(memory), timeline);
  }

  /** Free space of every snapshot of the file, one linear pass over each allocation table. */
  public static FreeTimeline timeline(SnapshotFile snapshots, HeapDecoder decoder) {
    return timeline(snapshots, decoder, suspect -> { });
  }

  /** The timeline, telling {@code suspect} "snapshot N: why" of each snapshot no collector could have left. */
  public static FreeTimeline timeline(SnapshotFile snapshots, HeapDecoder decoder, java.util.function.Consumer<String> suspect) {
    return timeline(snapshots, decoder, suspect, (memory, index) -> { });
  }

  /** The same, handing each snapshot to {@code read} as it passes (a check of every snapshot rides along, no second pass). */
  public static FreeTimeline timeline(
      SnapshotFile snapshots, HeapDecoder decoder, java.util.function.Consumer<String> suspect, java.util.function.ObjLongConsumer<Memory> read) {
    int n = Math.toIntExact(snapshots.count());
    int[] free = new int[n];
    int[] largest = new int[n];
    int total = 0;
    for (int i = 0; i < n; i++) {
      Memory memory = snapshots.snapshot(i);
      HeapStats s = decoder.stats(memory);
      read.accept(memory, i);
      free[i] = s.freeBlocks();
      largest[i] = s.largestFreeBlocks();
      total = Math.max(total, s.totalBlocks()); // a heap that grows has its own total in each snapshot
      if (s.suspect() != null) {
        suspect.accept("snapshot " + i + ": " + s.suspect());
      }
    }
    return FreeTimeline.of(free, largest, total);
  }
}
