package io.heapreel.model.objects;

import io.heapreel.model.heap.Allocation;
import io.heapreel.model.heap.HeapArea;
import io.heapreel.model.heap.HeapLocation;
import java.util.List;

/**
 * The allocations of one snapshot, found by address with the collector's rule: an address counts
 * only when it lies in a pool, is aligned to the block size and is the head of an allocation.
 */
public final class HeapIndex {
  private final HeapLocation location;
  private final List<HeapArea> areas;
  private final List<Allocation> allocations;
  /** Per area and block, the index + 1 of the allocation whose head it is, else 0. */
  private final int[][] allocationAtBlock;
  private final int bytesPerBlock;
  // the first area's bounds, for the common single-area heap without a loop
  private final long firstPoolStart;
  private final long firstPoolEnd;

  public HeapIndex(HeapLocation location, List<Allocation> allocations) {
    this.location = location;
    this.areas = location.areas();
    this.allocations = allocations;
    this.bytesPerBlock = location.bytesPerBlock();
    this.allocationAtBlock = new int[areas.size()][];
    // index + 1 at each head block, 0 elsewhere: a new array is zero already, where filling it with
    // -1 cost a tenth of a typing on the quick compiler (docs/speed.md, "eighth step")
    for (int a = 0; a < areas.size(); a++) {
      allocationAtBlock[a] = new int[areas.get(a).blocks()];
    }
    for (int i = 0; i < allocations.size(); i++) {
      Allocation al = allocations.get(i);
      allocationAtBlock[al.area()][al.block()] = i + 1;
    }
    this.firstPoolStart = areas.get(0).poolStart();
    this.firstPoolEnd = areas.get(0).poolEnd();
  }

  public List<Allocation> allocations() {
    return allocations;
  }

  public int size() {
    return allocations.size();
  }

  public Allocation get(int index) {
    return allocations.get(index);
  }

  public List<HeapArea> areas() {
    return areas;
  }

  public HeapLocation location() {
    return location;
  }

  public int bytesPerBlock() {
    return bytesPerBlock;
  }

  /** The index of the allocation whose head block starts at the address, or -1. */
  public int headAt(long address) {
    if ((address & (bytesPerBlock - 1)) != 0) {
      return -1;
    }
    if (address >= firstPoolStart && address < firstPoolEnd) {
      int block = (int) ((address - firstPoolStart) / bytesPerBlock);
      int i = block < allocationAtBlock[0].length ? allocationAtBlock[0][block] - 1 : -1;
      if (i >= 0 || areas.size() == 1) {
        return i;
      }
    }
    // a heap that grows may have held this memory as two areas of other geometry at other times:
    // the allocations are the snapshot's own, so at most one of them has a head here
    for (int a = 1; a < areas.size(); a++) {
      HeapArea area = areas.get(a);
      if (address >= area.poolStart() && address < area.poolEnd()) {
        int block = (int) ((address - area.poolStart()) / bytesPerBlock);
        int i = block < allocationAtBlock[a].length ? allocationAtBlock[a][block] - 1 : -1;
        if (i >= 0) {
          return i;
        }
      }
    }
    return -1;
  }

  /** Bytes of the allocation: all its blocks, which is what the collector scans. */
  public long bytesOf(int index) {
    return (long) allocations.get(index).blocks() * bytesPerBlock;
  }
}
