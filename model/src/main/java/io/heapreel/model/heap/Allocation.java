package io.heapreel.model.heap;

import java.io.Serializable;

/**
 * One allocation in a snapshot: a head block and the tail blocks that continue it.
 *
 * @param area index of the heap area it lives in
 * @param typeWord the first machine word (the type pointer, for objects)
 * @param builtinType the built-in type's name without {@code mp_type_} when the first word is the
 *     address of an {@code mp_type_*} symbol, else null
 */
public record Allocation(
    int area,
    int block,
    long address,
    int blocks,
    boolean marked,
    boolean finaliser,
    long typeWord,
    String builtinType) implements Serializable {
  public long bytes(int bytesPerBlock) {
    return (long) blocks * bytesPerBlock;
  }
}
