package io.heapreel.model.lifespan;

/** Reads the type of an allocation from a snapshot of the heap. */
@FunctionalInterface
public interface AllocationTyper {
  /**
   * The type of the allocation whose head is at {@code startBlock} in snapshot {@code snapshot}: a
   * type name or {@code raw:ROLE}; null when no allocation starts there or its type is unknown.
   */
  String typeAt(long snapshot, int startBlock);

  /**
   * Whether a type read is final; one that is not (say a raw block nothing claims yet) is read
   * again from a later snapshot in which the allocation is still alive.
   */
  default boolean settled(String type) {
    return type != null;
  }
}
