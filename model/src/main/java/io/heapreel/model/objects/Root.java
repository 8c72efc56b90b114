package io.heapreel.model.objects;

/**
 * A word outside the pools that points at an allocation.
 *
 * @param name {@code symbol+offset}, {@code stack+offset} or {@code ram+offset}
 * @param target the allocation's index
 */
public record Root(String name, long address, long targetAddress, int target) {}
