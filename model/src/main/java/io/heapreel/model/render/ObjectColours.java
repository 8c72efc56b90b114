package io.heapreel.model.render;

import io.heapreel.model.capture.Memory;
import io.heapreel.model.heap.Allocation;
import io.heapreel.model.heap.BuiltinTypes;
import io.heapreel.model.heap.HeapDecoder;
import io.heapreel.model.lifespan.LiveAllocations;
import io.heapreel.model.objects.HeapObject;
import io.heapreel.model.objects.ObjectInspector;
import io.heapreel.model.objects.ObjectTypes;
import io.heapreel.model.types.Role;
import io.heapreel.model.types.Roles;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Colour classes and garbage flags of one snapshot's allocations from the object analysis: user
 * classes by name, raw blocks by role, built-in types by name; unreachable allocations are garbage.
 */
public final class ObjectColours {
  private final Map<Allocation, Integer> index = new IdentityHashMap<>();
  private final ObjectInspector.Analysis analysis;

  public ObjectColours(ObjectInspector.Analysis analysis) {
    this.analysis = analysis;
    for (int i = 0; i < analysis.heap().size(); i++) {
      index.put(analysis.heap().get(i), i);
    }
  }

  /** The frame of the analysed snapshot, coloured by object type and with garbage marked. */
  public FrameInput frame(long snapshot, Memory memory, HeapDecoder decoder, FrameEvent event, FreeTimeline timeline) {
    LiveAllocations sites = event == null ? null : event.siteRoles();
    return FrameInputs.of(snapshot, memory, decoder, analysis.heap().allocations(), event, timeline, colours(sites), garbage());
  }

  public Function<Allocation, ColourClass> colours() {
    return colours(null);
  }

  /**
   * @param sites the site roles of the allocations by heap block, for the blocks the memory leaves
   *     unknown; null for none
   */
  public Function<Allocation, ColourClass> colours(LiveAllocations sites) {
    return a -> {
      Integer i = index.get(a);
      if (i == null) {
        return ColourClass.UNKNOWN;
      }
      ObjectTypes types = analysis.types();
      if (sites != null && types.role(i) == Role.UNKNOWN) {
        return ColourClass.raw(sites.siteRoleAt(analysis.heap().location().heapBlock(a.area(), a.block())));
      }
      return colour(types, i);
    };
  }

  public Predicate<Allocation> garbage() {
    return a -> {
      Integer i = index.get(a);
      return i != null && !analysis.graph().reachable(i);
    };
  }

  /**
   * The colour class of an inspected object, as {@link #colour(ObjectTypes, int)} gives it: an
   * object whose type is no {@code mp_type_*} symbol (nor {@code type}) is an instance of a user class.
   */
  public static ColourClass colour(HeapObject o, BuiltinTypes builtins) {
    if (o.role() != Role.OBJECT) {
      return ColourClass.raw(o.role());
    }
    boolean builtin = Roles.TYPE.equals(o.type()) || builtins.addressOf(o.type()) != 0;
    return builtin ? ColourClass.builtin(o.type()) : ColourClass.userClass(o.type());
  }

  static ColourClass colour(ObjectTypes types, int i) {
    if (!types.isObject(i)) {
      return ColourClass.raw(types.role(i));
    }
    return types.classOf(i) >= 0 ? ColourClass.userClass(types.type(i)) : ColourClass.builtin(types.type(i));
  }
}
