package io.heapreel.cli;

import io.heapreel.model.objects.HeapObject;
import io.heapreel.model.objects.ObjectSnapshot;
import io.heapreel.model.types.Roles;
import io.heapreel.model.types.TypeSource;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The readable object-level part of {@code inspect}: types with counts and blocks, the largest objects. */
final class ObjectTable {
  private ObjectTable() {}

  static void print(ObjectSnapshot s, int bytesPerBlock, int largest, PrintWriter out) {
    int n = s.objects().size();
    Map<TypeSource, Integer> bySource = new EnumMap<>(TypeSource.class);
    s.objects().forEach(o -> {
      if (o.typeSource() != null) {
        bySource.merge(o.typeSource(), 1, Integer::sum);
      }
    });
    out.printf("Objects (layout %s): %d allocations, %d unknown, %d unreachable, %d flagged%s%n",
        s.layout(), n, s.unknown(), s.unreachable(), s.flagged(), s.qstrChainCorrupt() ? ", qstr pool chain corrupt" : "");
    out.printf("  typed or with a role: %d (%.1f%%): %d from memory, %d from an owner, %d from the allocation site%n",
        n - s.unknown(), n == 0 ? 100.0 : 100.0 * (n - s.unknown()) / n, bySource.getOrDefault(TypeSource.MEMORY, 0),
        bySource.getOrDefault(TypeSource.OWNER, 0), bySource.getOrDefault(TypeSource.SITE, 0));
    List<ObjectSnapshot.TypeCount> rows = s.byType();
    int width = Math.max(4, rows.stream().mapToInt(r -> r.type().length()).max().orElse(4));
    String row = "  %-" + width + "s %8s %8s %10s %12s%n";
    out.printf(row, "type", "objects", "blocks", "bytes", "unreachable");
    for (ObjectSnapshot.TypeCount r : rows) {
      out.printf(row, r.type(), r.objects(), r.blocks(), r.blocks() * bytesPerBlock, r.unreachable());
    }
    out.println();
    out.println("Largest objects");
    Map<Long, HeapObject> byAddress = new HashMap<>();
    s.objects().forEach(o -> byAddress.put(o.address(), o));
    for (HeapObject o : s.largest(largest)) {
      out.printf("  0x%08x %5d blocks %-16s %s%s%n", o.address(), o.blocks(), what(o), detail(o, s, byAddress), o.reachable() ? "" : "  (unreachable)");
    }
    out.println();
    out.println("Largest retainers (blocks freed if the object went: its own and all it alone keeps alive)");
    for (HeapObject o : s.largestRetainers(largest)) {
      out.printf("  0x%08x %5d retained %5d own %-16s %s%s%n", o.address(), o.retainedBlocks(), o.blocks(), what(o),
          detail(o, s, byAddress), o.reachable() ? "" : "  (unreachable)");
    }
  }

  private static String what(HeapObject o) {
    return Roles.typeName(o.type(), o.role());
  }

  private static String detail(HeapObject o, ObjectSnapshot s, Map<Long, HeapObject> byAddress) {
    String detail = o.name() != null ? o.name() : "";
    boolean hasKeys = o.keys() != null && !o.keys().isEmpty();
    if (o.preview() != null && !hasKeys) {
      detail += (detail.isEmpty() ? "" : " ") + (o.type().equals("str") ? "'" + o.preview() + "'" : o.preview());
    }
    if (hasKeys) {
      detail += (detail.isEmpty() ? "" : " ") + "keys " + String.join(", ", o.keys().subList(0, Math.min(8, o.keys().size())))
          + (o.keys().size() > 8 ? ", ..." : "");
    }
    HeapObject owner = byAddress.get(o.owner());
    if (owner != null) {
      detail += (detail.isEmpty() ? "" : " ") + String.format("of 0x%08x %s", owner.address(), Roles.typeName(owner.type(), owner.role()));
      if (owner.name() != null && !owner.name().equals(owner.type())) {
        detail += " " + owner.name();
      }
    } else if (o.owner() == 0) {
      detail += (detail.isEmpty() ? "" : " ") + "of " + s.stateSymbol();
    }
    return detail;
  }
}
