package io.heapreel.model.objects;

import io.heapreel.model.heap.HeapLocation;
import io.heapreel.model.types.Roles;
import io.heapreel.model.types.Role;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The object-level view of one snapshot.
 *
 * @param flagged objects whose preview, keys or name could not be read (bad pointers, lengths,
 *     terminators)
 * @param qstrChainCorrupt the qstr pool chain had a cycle or an impossible pool
 */
public record ObjectSnapshot(
    long snapshot, String layout, String stateSymbol, List<HeapObject> objects, List<Root> roots, int flagged, boolean qstrChainCorrupt) {
  public ObjectSnapshot {
    objects = List.copyOf(objects);
    roots = List.copyOf(roots);
  }

  /**
   * The same snapshot with the roles the allocation sites give the blocks that stayed unknown.
   *
   * @param siteRoleAt the site's role by start block, by heap block, for addresses in the heap's pools
   */
  public ObjectSnapshot withSiteRoles(IntFunction<Role> siteRoleAt, HeapLocation area) {
    List<HeapObject> named = new ArrayList<>(objects.size());
    for (HeapObject o : objects) {
      Role site = o.role() == Role.UNKNOWN && area.inPool(o.address()) ? siteRoleAt.apply(o.block()) : Role.UNKNOWN;
      named.add(site == Role.UNKNOWN ? o : o.withSiteRole(site));
    }
    return new ObjectSnapshot(snapshot, layout, stateSymbol, named, roots, flagged, qstrChainCorrupt);
  }

  public long unreachable() {
    return objects.stream().filter(o -> !o.reachable()).count();
  }

  public long unknown() {
    return objects.stream().filter(o -> o.role() == Role.UNKNOWN).count();
  }

  /** Objects of one type (raw blocks: {@code raw:ROLE}). */
  public record TypeCount(String type, int objects, long blocks, int unreachable) {}

  /** Counts per type, the most blocks first. */
  public List<TypeCount> byType() {
    Map<String, long[]> counts = new LinkedHashMap<>();
    for (HeapObject o : objects) {
      String key = Roles.typeName(o.type(), o.role());
      long[] c = counts.computeIfAbsent(key, k -> new long[3]);
      c[0]++;
      c[1] += o.blocks();
      c[2] += o.reachable() ? 0 : 1;
    }
    List<TypeCount> rows = new ArrayList<>();
    counts.forEach((k, c) -> rows.add(new TypeCount(k, (int) c[0], c[1], (int) c[2])));
    rows.sort(Comparator.comparingLong(TypeCount::blocks).reversed().thenComparing(TypeCount::type));
    return rows;
  }

  /**
   * The {@code n} allocations that retain the most blocks besides their own (what they alone keep
   * alive), by retained blocks then address; an allocation retaining nothing else is left out.
   */
  public List<HeapObject> largestRetainers(int n) {
    return objects.stream()
        .filter(o -> o.retainedBlocks() > o.blocks())
        .sorted(Comparator.comparingLong(HeapObject::retainedBlocks).reversed().thenComparingLong(HeapObject::address))
        .limit(n)
        .toList();
  }

  /** The {@code n} largest allocations, by blocks then address. */
  public List<HeapObject> largest(int n) {
    return objects.stream()
        .sorted(Comparator.comparingInt(HeapObject::blocks).reversed().thenComparingLong(HeapObject::address))
        .limit(n)
        .toList();
  }
}
