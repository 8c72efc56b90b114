package io.heapreel.model.objects;

import io.heapreel.model.types.Role;
import io.heapreel.model.types.Roles;
import io.heapreel.model.types.TypeSource;
import java.util.List;

/**
 * One allocation described: what it is, what it says, what it points at.
 *
 * @param block the head's heap block ({@link io.heapreel.model.heap.HeapLocation}: counted over all areas)
 * @param type built-in type name, {@code type} for a class object, the class name for an instance,
 *     or {@code raw}
 * @param role {@link Role#OBJECT}, or a raw role
 * @param keys dict keys or instance attribute names; null for other objects
 * @param owner for a raw block, the address of the object (or raw block) whose field gave its role,
 *     0 when a VM state root pointer did, -1 when nothing did (no role, or a role from the allocation site)
 * @param refs the references out of it, in word order
 * @param dominator the address of the allocation that immediately dominates it (every path from the
 *     roots to it passes there), {@link #BY_ROOTS} when only the roots together do, {@link #GARBAGE}
 *     for an unreachable allocation at the top of the garbage (see {@link Retention})
 * @param retainedBlocks its own blocks and those of every allocation it dominates: what the
 *     collector would free if it went
 */
public record HeapObject(
    long address,
    int block,
    int blocks,
    String type,
    Role role,
    String name,
    String preview,
    List<String> keys,
    boolean reachable,
    boolean flagged,
    long owner,
    List<Reference> refs,
    long dominator,
    long retainedBlocks) {
  public static final long BY_ROOTS = 0;
  public static final long GARBAGE = -1;

  /** Where its type or role came from: null while {@link Role#UNKNOWN}. */
  public TypeSource typeSource() {
    if (role == Role.OBJECT) {
      return TypeSource.MEMORY;
    }
    return role == Role.UNKNOWN ? null : owner == -1 ? TypeSource.SITE : TypeSource.OWNER;
  }

  /** The one type name of every table: {@code dict}, {@code raw:map_table} ({@link Roles#typeName}). */
  public String typeName() {
    return Roles.typeName(type, role);
  }

  /** The same allocation with the role its allocation site gives (no owner). */
  public HeapObject withSiteRole(Role siteRole) {
    return new HeapObject(address, block, blocks, Roles.RAW, siteRole, name, preview, keys, reachable, flagged, -1, refs, dominator, retainedBlocks);
  }

  /** A word at byte {@code offset} of the object that points at the allocation at {@code target}. */
  public record Reference(int offset, long target) {}
}
