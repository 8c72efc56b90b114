package io.heapreel.model.objects;

/**
 * The type and role of every allocation of a snapshot, by allocation index.
 *
 * @param classOf for an instance of a heap class, the allocation index of its class object, else -1
 * @param tupleClass for a class object, true when its instances are tuples (a namedtuple class)
 *     rather than {@code mp_obj_instance_t}
 */
public record ObjectTypes(String[] type, String[] role, int[] classOf, boolean[] tupleClass) {
  public boolean isObject(int i) {
    return Roles.OBJECT.equals(role[i]);
  }

  /** An instance of a heap class whose struct is a tuple. */
  public boolean isTupleInstance(int i) {
    return classOf[i] >= 0 && tupleClass[classOf[i]];
  }

  /** Allocations with a type or a role other than unknown. */
  public int known() {
    int n = 0;
    for (String r : role) {
      if (!Roles.UNKNOWN.equals(r)) {
        n++;
      }
    }
    return n;
  }
}
