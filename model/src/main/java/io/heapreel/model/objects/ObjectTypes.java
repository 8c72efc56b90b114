package io.heapreel.model.objects;

import io.heapreel.model.types.Role;

/**
 * The type and role of every allocation of a snapshot, by allocation index.
 *
 * @param classOf for an instance of a heap class, the allocation index of its class object, else -1
 * @param tupleClass for a class object, true when its instances are tuples (a namedtuple class)
 *     rather than {@code mp_obj_instance_t}
 * @param owner for a raw block with a role, the allocation whose field gave it, {@link #STATE}
 *     when a VM state root pointer did, else -1
 */
public record ObjectTypes(String[] type, Role[] role, int[] classOf, boolean[] tupleClass, int[] owner) {
  public static final int STATE = -2;

  public boolean isObject(int i) {
    return role[i] == Role.OBJECT;
  }

  /** An instance of a heap class whose struct is a tuple. */
  public boolean isTupleInstance(int i) {
    return classOf[i] >= 0 && tupleClass[classOf[i]];
  }

  /** Allocations with a type or a role other than unknown. */
  public int known() {
    int n = 0;
    for (Role r : role) {
      if (r != Role.UNKNOWN) {
        n++;
      }
    }
    return n;
  }
}
