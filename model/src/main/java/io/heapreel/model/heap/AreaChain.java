package io.heapreel.model.heap;

import io.heapreel.model.capture.Memory;
import io.heapreel.model.capture.RamSpan;
import io.heapreel.model.capture.SnapshotFile;
import io.heapreel.model.capture.SymbolTable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A split heap's areas as the collector links them. Firmware built with {@code
 * MICROPY_GC_SPLIT_HEAP} (it has {@code gc_add}) keeps its areas in a list: each descriptor starts
 * with a {@code next} pointer, the word before its alloc table start, to the next area's descriptor
 * (gc_add puts it at the start of the memory it adds). The descriptors are found in snapshot 0 by
 * their shape alone, so a damaged descriptor there would silently leave its area out of every
 * figure: the list says it is missing. Such an area is taken from a sampled later dump that holds
 * it (with a warning: snapshot 0 is damaged); one that no sampled dump holds is left out with a
 * warning naming its offset in ram.bin.
 */
public final class AreaChain {
  private static final String SPLIT_HEAP_FUNCTION = "gc_add";

  private AreaChain() {}

  public static HeapLocation check(HeapLocation found, SnapshotFile snapshots, int wordSize, SymbolTable symbols, List<String> warnings) {
    if (found.method() != HeapLocation.Method.AREA_DESCRIPTOR || symbols.find(SPLIT_HEAP_FUNCTION).isEmpty()) {
      return found;
    }
    RamSpan span = snapshots.span();
    Memory first = snapshots.snapshot(0);
    List<AreaDescriptorScan.Found> described = AreaDescriptorScan.scan(first, span, wordSize);
    List<HeapArea> areas = new ArrayList<>(found.areas());
    List<String> recovered = new ArrayList<>();
    for (AreaDescriptorScan.Found f : described) {
      long link = f.linkAddress(wordSize);
      if (!span.contains(link)) {
        continue;
      }
      long next = first.word(link, wordSize);
      long at = next + wordSize;
      if (next == 0 || !span.contains(next) || described.stream().anyMatch(d -> d.address() == at)) {
        continue;
      }
      if (areas.stream().anyMatch(a -> next >= a.atbStart() && next < a.poolEnd())) {
        continue; // a word that only looks like a link: it points into an area found
      }
      long offset = next + wordSize - span.start();
      HeapArea later = laterDump(snapshots, at, wordSize, areas);
      if (later == null) {
        warnings.add(String.format(
            "%s offset %d: the collector's list of heap areas links the area at 0x%08x to a descriptor at 0x%08x that"
                + " no sampled dump holds (damaged in every one?): that area's blocks are left out of every figure",
            snapshots.name(), offset, f.area().poolStart(), at));
      } else {
        areas.add(later);
        recovered.add(String.format("0x%08x", at));
        warnings.add(String.format(
            "%s offset %d: snapshot 0 does not hold the heap area descriptor at 0x%08x that the collector's list of"
                + " areas links to (snapshot 0 damaged?); its area (pool 0x%08x..0x%08x) is taken from a later dump",
            snapshots.name(), offset, at, later.poolStart(), later.poolEnd()));
      }
    }
    if (recovered.isEmpty()) {
      return found;
    }
    areas.sort((x, y) -> Long.compare(x.poolStart(), y.poolStart()));
    return new HeapLocation(areas, found.method(), found.detail() + ", " + String.join(", ", recovered) + " (from a later dump)",
        found.anchor(), found.links());
  }

  /** The area the descriptor at {@code at} describes in the middle or last dump, if it overlaps none found. */
  private static HeapArea laterDump(SnapshotFile snapshots, long at, int wordSize, List<HeapArea> areas) {
    TreeSet<Long> samples = new TreeSet<>(List.of(snapshots.count() - 1, snapshots.count() / 2, 1L));
    samples.removeIf(s -> s <= 0 || s >= snapshots.count());
    for (long s : samples.descendingSet()) {
      Memory m = snapshots.readable(s).orElse(null);
      if (m == null) {
        continue;
      }
      for (AreaDescriptorScan.Found f : AreaDescriptorScan.scan(m, snapshots.span(), wordSize)) {
        HeapArea a = f.area();
        if (f.address() == at && areas.stream().noneMatch(b -> a.atbStart() < b.poolEnd() && b.atbStart() < a.poolEnd())) {
          return a;
        }
      }
    }
    return null;
  }
}
