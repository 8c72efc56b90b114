package io.heapreel.model.objects;

import io.heapreel.model.types.Roles;
import io.heapreel.model.types.Role;
import io.heapreel.model.capture.BufferMemory;
import io.heapreel.model.capture.Symbol;
import io.heapreel.model.capture.SymbolTable;
import io.heapreel.model.heap.Allocation;
import io.heapreel.model.heap.BuiltinTypes;
import java.util.Arrays;

/**
 * Types every allocation of a snapshot. First by its first word: a built-in type object, or a class
 * object in the heap (whose own first word is {@code mp_type_type}). Then raw blocks get the role
 * the layout gives the field of their owner (an object's field, the VM state's root pointers, or
 * a raw block whose role has fields of its own). An owner's word decides over a type word, since a
 * list item array may start with what looks like a type pointer, unless the rule says otherwise.
 */
public final class ObjectTyper {
  /** Owner-rule key of instances of ordinary heap classes ({@code mp_obj_instance_t}). */
  public static final String INSTANCE = "instance";
  /** Owner-rule key of instances of heap classes whose instances are tuples. */
  public static final String TUPLE_INSTANCE = "namedtuple";

  private final Layout layout;
  private final long typeType;
  private final BuiltinTypes types;
  private final long tupleMakeNew;
  private final int wordSize;
  // The layout's owner rules looked up once, by what an owner's key is made of (a role, a heap
  // class's instances, a built-in type by its index): a typing asks for every owner's rules, and the
  // layout's map hashed and compared the key's string each time (docs/speed.md, "eighth step").
  private final FieldRule[] rootRules;
  private final FieldRule[][] rulesByRole;
  private final FieldRule[] instanceRules;
  private final FieldRule[] tupleInstanceRules;
  private final FieldRule[][] rulesByBuiltin;

  public ObjectTyper(Layout layout, BuiltinTypes types, SymbolTable symbols, int wordSize) {
    this.layout = layout;
    this.types = types;
    this.typeType = types.addressOf(Roles.TYPE);
    String makeNew = layout.options().get("class.tuple_make_new");
    this.tupleMakeNew = makeNew == null ? -1 : symbols.find(makeNew).map(Symbol::address).orElse(-1L);
    this.wordSize = wordSize;
    this.rootRules = layout.roots().toArray(FieldRule[]::new);
    Role[] roles = Role.values();
    this.rulesByRole = new FieldRule[roles.length][];
    for (Role r : roles) {
      rulesByRole[r.ordinal()] = rules(r.label());
    }
    this.instanceRules = rules(INSTANCE);
    this.tupleInstanceRules = rules(TUPLE_INSTANCE);
    this.rulesByBuiltin = new FieldRule[types.size()][];
    for (int b = 0; b < types.size(); b++) {
      rulesByBuiltin[b] = rules(types.name(b));
    }
  }

  private FieldRule[] rules(String ownerKey) {
    return layout.ownedBy(ownerKey).toArray(FieldRule[]::new);
  }

  /**
   * @param stateAddress the VM state struct's address, or -1 when the symbols do not have it
   * @param qstrs class names
   */
  public ObjectTypes type(HeapIndex heap, TargetMemory memory, long stateAddress, QstrTable qstrs) {
    int n = heap.size();
    String[] type = new String[n];
    Role[] role = new Role[n];
    int[] classOf = new int[n];
    boolean[] tupleClass = new boolean[n];
    int[] owner = new int[n];
    int[] builtinIndex = new int[n];
    for (int i = 0; i < n; i++) {
      Allocation a = heap.get(i);
      int index = types.indexAt(a.typeWord());
      String builtin = a.builtinType() != null ? a.builtinType() : index >= 0 ? types.name(index) : null;
      builtinIndex[i] = builtin != null && index >= 0 && builtin.equals(types.name(index)) ? index : -1;
      classOf[i] = -1;
      owner[i] = -1;
      if (builtin != null) {
        type[i] = builtin;
        role[i] = Role.OBJECT;
        continue;
      }
      int cls = heap.headAt(a.typeWord());
      if (cls >= 0 && cls != i && typeType != 0 && heap.get(cls).typeWord() == typeType) {
        classOf[i] = cls;
        role[i] = Role.OBJECT;
      } else {
        type[i] = Roles.RAW;
        role[i] = Role.UNKNOWN;
      }
    }
    String[] names = new String[n];
    for (int i = 0; i < n; i++) {
      int cls = classOf[i];
      if (cls >= 0) {
        if (names[cls] == null) {
          names[cls] = className(layout, wordSize, heap, memory, cls, qstrs);
          tupleClass[cls] = makesTuples(heap, memory, cls);
        }
        type[i] = names[cls];
      }
    }
    Working w = new Working(type, role, classOf, tupleClass, owner, builtinIndex);
    assignRoles(heap, memory, stateAddress, w);
    return ObjectTypes.adopt(type, role, classOf, tupleClass, owner);
  }

  /** The class name of a class object in the heap: its qstr name field. */
  public static String className(Layout layout, int wordSize, HeapIndex heap, TargetMemory memory, int cls, QstrTable qstrs) {
    long at = heap.get(cls).address() + layout.field("type.name");
    int bytes = layout.option("type.name_bytes", 2);
    if (!memory.contains(at, bytes)) {
      return "qstr#?";
    }
    long q = bytes == 2 ? memory.u16(at) : memory.word(at, wordSize);
    String name = qstrs.name(q);
    return name == null ? "qstr#" + q : name;
  }

  /** Whether the class's make_new slot holds the layout's tuple-making function (Thumb bit ignored). */
  private boolean makesTuples(HeapIndex heap, TargetMemory memory, int cls) {
    if (tupleMakeNew < 0 || layout.optionalField("type.make_new_slot").isEmpty()) {
      return false;
    }
    long makeNew = slot(memory, heap.get(cls).address(), layout.field("type.make_new_slot"));
    return makeNew >= 0 && (makeNew & ~1L) == (tupleMakeNew & ~1L);
  }

  /** A type's slot: the 1-based index byte at {@code indexOffset} selects slots[index - 1]; -1 if unset. */
  long slot(TargetMemory memory, long type, int indexOffset) {
    if (!memory.contains(type + indexOffset, 1)) {
      return -1;
    }
    int index = memory.u8(type + indexOffset);
    long at = type + layout.field("type.slots") + (long) (index - 1) * wordSize;
    return index == 0 || !memory.contains(at, wordSize) ? -1 : memory.word(at, wordSize);
  }

  // Indexed loops and an int queue: on the quick compiler (no escape analysis) a for-each over a
  // rule list made an iterator, and a Deque<Integer> a boxed index, per allocation of every typing
  // (186 + 78 MB of the 8 GB bench run's 2.9 GB of allocations, docs/speed.md).
  private void assignRoles(HeapIndex heap, TargetMemory memory, long state, Working t) {
    IntQueue owners = new IntQueue(heap.size() + 16);
    if (state >= 0) {
      for (FieldRule root : rootRules) {
        claim(heap, memory, state, Long.MAX_VALUE, root, t, ObjectTypes.STATE, owners);
      }
    }
    for (int i = 0; i < heap.size(); i++) {
      if (t.isObject(i)) {
        owners.add(i);
      }
    }
    while (!owners.isEmpty()) {
      int i = owners.poll();
      FieldRule[] rules = rulesOf(t, i);
      if (rules.length == 0) {
        continue;
      }
      Allocation a = heap.get(i);
      long end = a.address() + heap.bytesOf(i);
      for (FieldRule rule : rules) {
        if (rule.holds(memory, a.address(), end)) {
          claim(heap, memory, a.address(), end, rule, t, i, owners);
        }
      }
    }
  }

  /** The owner rules of allocation {@code i} as it is now: by its role, its class's kind or its built-in type. */
  private FieldRule[] rulesOf(Working t, int i) {
    if (!t.isObject(i)) {
      return rulesByRole[t.role[i].ordinal()];
    }
    if (t.classOf[i] >= 0) {
      return t.isTupleInstance(i) ? tupleInstanceRules : instanceRules;
    }
    int builtin = t.builtinIndex[i];
    return builtin >= 0 ? rulesByBuiltin[builtin] : rules(t.type[i]);
  }

  /** A first-in first-out queue of ints, growing as needed. */
  private static final class IntQueue {
    private int[] items;
    private int head;
    private int tail;

    IntQueue(int capacity) {
      items = new int[Math.max(1, capacity)];
    }

    void add(int item) {
      if (tail == items.length) {
        if (head > 0) {
          System.arraycopy(items, head, items, 0, tail - head);
          tail -= head;
          head = 0;
        }
        if (tail == items.length) {
          items = Arrays.copyOf(items, 2 * items.length);
        }
      }
      items[tail++] = item;
    }

    boolean isEmpty() {
      return head == tail;
    }

    int poll() {
      return items[head++];
    }
  }

  /** Gives the targets of the rule's words (in [start, end)) the rule's role, once. */
  private void claim(HeapIndex heap, TargetMemory memory, long start, long end, FieldRule rule, Working t, int by, IntQueue owners) {
    long first = start + rule.offset();
    long count;
    if (rule.count() == FieldRule.TO_END) {
      count = end == Long.MAX_VALUE ? 0 : (end - first) / wordSize;
    } else if (rule.count() == FieldRule.COUNTED) {
      long at = start + rule.countOffset();
      count = at + wordSize <= end && memory.contains(at, wordSize) ? memory.word(at, wordSize) : 0;
    } else {
      count = rule.count();
    }
    if (end != Long.MAX_VALUE) {
      count = Math.min(count, Math.max(0, (end - first) / wordSize));
    }
    BufferMemory ram = memory.ram() instanceof BufferMemory b ? b : null;
    for (long k = 0; k < count; k++) {
      long at = first + k * wordSize;
      long word;
      // RAM straight from the snapshot's buffer (calls bound at compile time), the rest through
      // memory, which tries RAM and then ROM: several calls a word on the quick compiler
      if (ram != null && ram.contains(at, wordSize)) {
        word = ram.word(at, wordSize);
      } else if (memory.contains(at, wordSize)) {
        word = memory.word(at, wordSize);
      } else {
        return;
      }
      int target = heap.headAt(word);
      if (target < 0) {
        continue;
      }
      boolean object = t.isObject(target);
      if (object ? rule.unlessObject() || rule.role() == Role.UNKNOWN : t.role[target] != Role.UNKNOWN) {
        continue;
      }
      t.type[target] = Roles.RAW;
      t.role[target] = rule.role();
      t.classOf[target] = -1;
      t.owner[target] = by;
      owners.add(target);
    }
  }

  /** The typer's own arrays while site rules are applied; handed to {@link ObjectTypes} once done. */
  private static final class Working {
    final String[] type;
    final Role[] role;
    final int[] classOf;
    final boolean[] tupleClass;
    final int[] owner;
    /** The index in {@link BuiltinTypes} of a built-in object's type, else -1 (its rules are looked up by name). */
    final int[] builtinIndex;

    Working(String[] type, Role[] role, int[] classOf, boolean[] tupleClass, int[] owner, int[] builtinIndex) {
      this.type = type;
      this.role = role;
      this.classOf = classOf;
      this.tupleClass = tupleClass;
      this.owner = owner;
      this.builtinIndex = builtinIndex;
    }

    boolean isObject(int i) {
      return role[i] == Role.OBJECT;
    }

    boolean isTupleInstance(int i) {
      return classOf[i] >= 0 && tupleClass[classOf[i]];
    }
  }
}
