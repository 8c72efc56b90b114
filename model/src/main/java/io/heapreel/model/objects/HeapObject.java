package io.heapreel.model.objects;

import java.util.List;

/**
 * One allocation described: what it is, what it says, what it points at.
 *
 * @param type built-in type name, {@code type} for a class object, the class name for an instance,
 *     or {@code raw}
 * @param role {@code object}, or a raw role (see {@link Roles})
 * @param keys dict keys or instance attribute names; null for other objects
 * @param refs the references out of it, in word order
 */
public record HeapObject(
    long address,
    int block,
    int blocks,
    String type,
    String role,
    String name,
    String preview,
    List<String> keys,
    boolean reachable,
    boolean flagged,
    List<Reference> refs) {
  /** A word at byte {@code offset} of the object that points at the allocation at {@code target}. */
  public record Reference(int offset, long target) {}
}
