package io.heapreel.model.objects;

import io.heapreel.model.types.Role;
import java.util.Arrays;
import java.util.Objects;

/**
 * The type and role of every allocation of a snapshot, by allocation index. Immutable, with value
 * semantics: the arrays are private copies and are read through indexed accessors.
 *
 * <p>Per allocation {@code i}: {@link #type(int)}; {@link #role(int)}; {@link #classOf(int)}, for an
 * instance of a heap class the allocation index of its class object, else -1;
 * {@link #tupleClass(int)}, for a class object, true when its instances are tuples (a namedtuple
 * class) rather than {@code mp_obj_instance_t}; {@link #owner(int)}, for a raw block with a role the
 * allocation whose field gave it, {@link #STATE} when a VM state root pointer did, else -1.
 */
public final class ObjectTypes {
  public static final int STATE = -2;

  private final String[] type;
  private final Role[] role;
  private final int[] classOf;
  private final boolean[] tupleClass;
  private final int[] owner;

  private ObjectTypes(String[] type, Role[] role, int[] classOf, boolean[] tupleClass, int[] owner) {
    int n = type.length;
    if (role.length != n || classOf.length != n || tupleClass.length != n || owner.length != n) {
      throw new IllegalArgumentException("arrays of different lengths");
    }
    this.type = type;
    this.role = role;
    this.classOf = classOf;
    this.tupleClass = tupleClass;
    this.owner = owner;
  }

  /** Copies the arrays, which must all have the same length. */
  public static ObjectTypes copyOf(String[] type, Role[] role, int[] classOf, boolean[] tupleClass, int[] owner) {
    return new ObjectTypes(type.clone(), role.clone(), classOf.clone(), tupleClass.clone(), owner.clone());
  }

  /** Wraps arrays the caller built and hands over (it must not change them afterwards). */
  static ObjectTypes adopt(String[] type, Role[] role, int[] classOf, boolean[] tupleClass, int[] owner) {
    return new ObjectTypes(type, role, classOf, tupleClass, owner);
  }

  /** The number of allocations. */
  public int size() {
    return type.length;
  }

  public String type(int i) {
    return type[i];
  }

  public Role role(int i) {
    return role[i];
  }

  /** For an instance of a heap class, the allocation index of its class object, else -1. */
  public int classOf(int i) {
    return classOf[i];
  }

  /** For a class object, whether its instances are tuples. */
  public boolean tupleClass(int i) {
    return tupleClass[i];
  }

  /** The allocation whose field gave this raw block its role, {@link #STATE}, or -1. */
  public int owner(int i) {
    return owner[i];
  }

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

  @Override
  public boolean equals(Object o) {
    return o == this
        || o instanceof ObjectTypes t
            && Arrays.equals(type, t.type)
            && Arrays.equals(role, t.role)
            && Arrays.equals(classOf, t.classOf)
            && Arrays.equals(tupleClass, t.tupleClass)
            && Arrays.equals(owner, t.owner);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(type), Arrays.hashCode(role), Arrays.hashCode(classOf), Arrays.hashCode(tupleClass), Arrays.hashCode(owner));
  }

  @Override
  public String toString() {
    return "ObjectTypes[type=" + Arrays.toString(type) + ", role=" + Arrays.toString(role) + ", classOf=" + Arrays.toString(classOf)
        + ", tupleClass=" + Arrays.toString(tupleClass) + ", owner=" + Arrays.toString(owner) + "]";
  }
}
