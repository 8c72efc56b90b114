package io.heapreel.model.export;

import io.heapreel.model.objects.HeapObject;
import java.util.Optional;

/** Where the allocations of one snapshot were made: the trace tree and each allocation's node in it. */
public interface AllocationSites {
  Optional<AllocationTraces> traces();

  /** The trace node the allocation was made under, 0 when unknown. */
  long traceNodeOf(HeapObject object);

  static AllocationSites none() {
    return new AllocationSites() {
      @Override
      public Optional<AllocationTraces> traces() {
        return Optional.empty();
      }

      @Override
      public long traceNodeOf(HeapObject object) {
        return 0;
      }
    };
  }
}
