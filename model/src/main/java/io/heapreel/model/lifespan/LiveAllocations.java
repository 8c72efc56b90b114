package io.heapreel.model.lifespan;

import io.heapreel.model.types.Role;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The allocations a snapshot shows, by start block, with their allocation ids (the event that made
 * each): what joins a snapshot's objects to their lifespans.
 *
 * @param startBlocks sorted
 * @param allocationIds the start event of the allocation at {@code startBlocks[i]}
 * @param siteRoles the role its allocation site gives the allocation at {@code startBlocks[i]}
 *     ({@link Role#UNKNOWN} when the site table has none)
 */
public record LiveAllocations(long snapshot, int[] startBlocks, long[] allocationIds, Role[] siteRoles) implements Serializable {
  public LiveAllocations {
    if (startBlocks.length != allocationIds.length || startBlocks.length != siteRoles.length) {
      throw new IllegalArgumentException("one allocation id and site role per start block");
    }
    startBlocks = startBlocks.clone();
    allocationIds = allocationIds.clone();
    siteRoles = siteRoles.clone();
  }

  /** A copy: the record's arrays never change once made. */
  @Override
  public int[] startBlocks() {
    return startBlocks.clone();
  }

  /** A copy. */
  @Override
  public long[] allocationIds() {
    return allocationIds.clone();
  }

  /** A copy. */
  @Override
  public Role[] siteRoles() {
    return siteRoles.clone();
  }

  /** Equal when they hold the same allocations (a runner compares elements by value). */
  @Override
  public boolean equals(Object o) {
    return o instanceof LiveAllocations other
        && snapshot == other.snapshot
        && Arrays.equals(startBlocks, other.startBlocks)
        && Arrays.equals(allocationIds, other.allocationIds)
        && Arrays.equals(siteRoles, other.siteRoles);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * Long.hashCode(snapshot) + Arrays.hashCode(startBlocks)) + Arrays.hashCode(allocationIds))
        + Arrays.hashCode(siteRoles);
  }

  @Override
  public String toString() {
    return "LiveAllocations[snapshot=" + snapshot + ", " + startBlocks.length + " allocations, start blocks "
        + preview(Arrays.toString(startBlocks)) + "]";
  }

  private static String preview(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  /** Without site roles. */
  public LiveAllocations(long snapshot, int[] startBlocks, long[] allocationIds) {
    this(snapshot, startBlocks, allocationIds, unknownRoles(startBlocks.length));
  }

  private static Role[] unknownRoles(int n) {
    Role[] roles = new Role[n];
    Arrays.fill(roles, Role.UNKNOWN);
    return roles;
  }

  /** Only the allocations whose site gives a role (what colours and exports need), without their ids. */
  public LiveAllocations withSiteRolesOnly() {
    int n = 0;
    for (Role r : siteRoles) {
      n += r == Role.UNKNOWN ? 0 : 1;
    }
    int[] blocks = new int[n];
    Role[] roles = new Role[n];
    int k = 0;
    for (int i = 0; i < startBlocks.length; i++) {
      if (siteRoles[i] != Role.UNKNOWN) {
        blocks[k] = startBlocks[i];
        roles[k++] = siteRoles[i];
      }
    }
    return new LiveAllocations(snapshot, blocks, new long[n], roles);
  }

  /** A snapshot whose allocations are not known (no log, or beyond its end). */
  public static LiveAllocations unknown(long snapshot) {
    return new LiveAllocations(snapshot, new int[0], new long[0]);
  }

  /** The role the site of the allocation starting at {@code startBlock} gives, or {@link Role#UNKNOWN}. */
  public Role siteRoleAt(int startBlock) {
    int i = Arrays.binarySearch(startBlocks, startBlock);
    return i < 0 ? Role.UNKNOWN : siteRoles[i];
  }

  /** The id of the allocation starting at {@code startBlock}, or null when none is known there. */
  public Long allocationAt(int startBlock) {
    int i = Arrays.binarySearch(startBlocks, startBlock);
    return i < 0 ? null : allocationIds[i];
  }

  public int size() {
    return startBlocks.length;
  }
}
