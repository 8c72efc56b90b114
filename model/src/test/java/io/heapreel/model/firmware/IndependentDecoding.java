package io.heapreel.model.firmware;

import io.heapreel.model.firmware.FirmwareTruth.Area;
import java.util.List;

/**
 * Block figures of one dump, decoded for the tests from the allocation table bytes alone, with the
 * geometry gdb reported: 2 bits a block, 4 blocks a byte from the low bits, 0 free, 1 head, 2 tail,
 * 3 marked head. Runs of free blocks do not span areas.
 */
record IndependentDecoding(int heads, int marked, int allocatedBlocks, int freeBlocks, int largestFreeRun, int freeRuns) {
  /** {@code ram} is one dump starting at {@code ramStart}. */
  static IndependentDecoding of(byte[] ram, long ramStart, List<Area> areas, int bytesPerBlock) {
    int heads = 0;
    int marked = 0;
    int allocated = 0;
    int free = 0;
    int largest = 0;
    int runs = 0;
    for (Area area : areas) {
      int blocks = (int) ((area.poolEnd() - area.poolStart()) / bytesPerBlock);
      int run = 0;
      for (int b = 0; b < blocks; b++) {
        int kind = (ram[(int) (area.atbStart() - ramStart) + b / 4] >> (2 * (b % 4))) & 3;
        if (kind == 0) {
          free++;
          run++;
          if (run == 1) {
            runs++;
          }
          largest = Math.max(largest, run);
        } else {
          run = 0;
          allocated++;
          if (kind == 1 || kind == 3) {
            heads++;
          }
          if (kind == 3) {
            marked++;
          }
        }
      }
    }
    return new IndependentDecoding(heads, marked, allocated, free, largest, runs);
  }
}
