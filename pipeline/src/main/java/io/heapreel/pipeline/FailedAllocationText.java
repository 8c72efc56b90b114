package io.heapreel.pipeline;

/** One failed allocation in words, for the closing lines of {@code run}. */
final class FailedAllocationText {
  private FailedAllocationText() {}

  static String of(RunSummary.FailedAllocation f) {
    StringBuilder s = new StringBuilder("after event ").append(f.event()).append(": ");
    s.append(f.bytesAsked() == null ? "a request of unknown size" : String.format("%,d bytes (%,d blocks)", f.bytesAsked(), f.blocksAsked()));
    if (f.siteFunction() != null) {
      s.append(" by ").append(f.siteFunction());
      if (f.siteFile() != null) {
        s.append(" (").append(f.siteFile()).append(':').append(f.siteLine()).append(')');
      }
    }
    if (f.largestFreeBlocks() != null) {
      s.append(String.format(", largest free run %,d blocks (%,d bytes) of %,d free", f.largestFreeBlocks(), f.largestFreeBytes(), f.freeBlocks()));
    }
    if (f.seenBy().contains("memory_error")) {
      s.append(", MemoryError");
    }
    return s.toString();
  }
}
