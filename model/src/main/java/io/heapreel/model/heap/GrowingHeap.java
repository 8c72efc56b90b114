package io.heapreel.model.heap;

import io.heapreel.model.capture.Memory;
import io.heapreel.model.capture.RamSpan;
import io.heapreel.model.capture.SnapshotFile;
import io.heapreel.model.error.CaptureException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * The areas of a heap that grows ({@code MICROPY_GC_SPLIT_HEAP_AUTO}): every area the collector's
 * list of areas holds in some snapshot, found by walking that list from the first area's {@code
 * next} word in each snapshot (every one of a mapped ram.bin; a sample of a compressed or remote
 * one, which is read whole only by the commands that decode every snapshot). Each snapshot then
 * decodes the areas its own list holds ({@link AreaLinks#present}).
 *
 * <p>An area is left out, and the snapshots holding it are suspect, when heapreel cannot number its
 * blocks as the log does: a descriptor that fails the geometry, an area of another block size or
 * tables, one that lies below the first area's pool (the log's block numbers count up from there),
 * or one whose memory another area of other geometry took at another time (one address, one
 * geometry). A sampled file may miss an area added and freed between two samples.
 */
public final class GrowingHeap {
  /** Snapshots whose lists are walked when the file is not mapped. */
  private static final int SAMPLES = 256;

  private GrowingHeap() {}

  /** {@code found} with the areas of every sampled snapshot's list and their links, or {@code found} when it has no list to follow. */
  public static HeapLocation areasOverTime(HeapLocation found, SnapshotFile snapshots, boolean mapped, List<String> warnings) {
    HeapLocation.Anchor anchor = found.anchor();
    if (anchor == null || found.method() != HeapLocation.Method.AREA_DESCRIPTOR) {
      return found;
    }
    int ws = found.wordSize();
    RamSpan span = snapshots.span();
    HeapArea first = found.areas().stream().filter(a -> a.atbStart() == anchor.words().get(0)).findFirst().orElse(null);
    if (first == null) {
      return found;
    }
    long head = anchor.address() - ws;
    Map<Long, HeapArea> areas = new LinkedHashMap<>();
    areas.put(anchor.address(), first);
    List<String> refused = new ArrayList<>();
    long n = snapshots.count();
    LongStream walked = mapped || n <= SAMPLES ? LongStream.range(0, n)
        : LongStream.concat(LongStream.range(0, SAMPLES).map(i -> i * (n - 1) / (SAMPLES - 1)), LongStream.of(n - 1)).distinct();
    for (long s : walked.toArray()) {
      Memory m;
      try {
        m = snapshots.snapshot(s);
      } catch (CaptureException e) {
        continue; // a damaged compressed block: reported where it is decoded
      }
      walk(m, span, head, ws, first, areas, refused, s);
    }
    // a descriptor damaged in one snapshot and sound in a later one is decoded: only that snapshot is suspect
    refused.removeIf(r -> r.endsWith("describe no heap area")
        && areas.keySet().stream().anyMatch(d -> r.startsWith(String.format("0x%08x ", d))));
    if (areas.size() == 1 && refused.isEmpty()) {
      return found.withLinks(new AreaLinks(head, List.of(anchor.address()), List.of(first), ws));
    }
    List<Map.Entry<Long, HeapArea>> sorted = new ArrayList<>(areas.entrySet());
    sorted.sort((x, y) -> Long.compare(x.getValue().poolStart(), y.getValue().poolStart()));
    List<HeapArea> union = sorted.stream().map(Map.Entry::getValue).toList();
    List<Long> descriptors = sorted.stream().map(Map.Entry::getKey).toList();
    if (!refused.isEmpty()) {
      warnings.add(String.format(
          "the firmware adds and frees heap areas as it runs (it has %s: MICROPY_GC_SPLIT_HEAP_AUTO); %d area(s) the"
              + " collector's list holds are not decoded, and the snapshots holding them are suspect: %s",
          AreaLinks.GROWS_SYMBOL, refused.size(), String.join("; ", refused.subList(0, Math.min(3, refused.size())))
              + (refused.size() > 3 ? "; ..." : "")));
    }
    String detail = found.detail() + String.format(
        "; the heap grows (%s: MICROPY_GC_SPLIT_HEAP_AUTO), %d areas over the capture%s", AreaLinks.GROWS_SYMBOL, union.size(),
        mapped || n <= SAMPLES ? "" : " (the lists of " + SAMPLES + " sampled snapshots)");
    return new HeapLocation(union, found.method(), detail, anchor, new AreaLinks(head, descriptors, union, ws));
  }

  /** Adds the areas of one snapshot's list that fit; says once why each other one does not. */
  private static void walk(
      Memory m, RamSpan span, long head, int ws, HeapArea first, Map<Long, HeapArea> areas, List<String> refused, long snapshot) {
    long at = head;
    for (int steps = 0; steps <= AreaLinks.MOST_AREAS && m.contains(at, ws); steps++) {
      long next = m.word(at, ws);
      if (next == 0 || !span.contains(next)) {
        return;
      }
      long descriptor = next + ws;
      HeapArea known = areas.get(descriptor);
      AreaDescriptorScan.Found f = AreaDescriptorScan.at(m, span, descriptor, ws);
      if (known != null && f != null && !known.equals(f.area())) {
        refuse(refused, String.format(
            "0x%08x (snapshot %d, pool 0x%08x..0x%08x): the memory of the area found there before (pool 0x%08x..0x%08x),"
                + " given again at another size; heapreel keeps one geometry for an address",
            descriptor, snapshot, f.area().poolStart(), f.area().poolEnd(), known.poolStart(), known.poolEnd()));
        return;
      }
      if (known != null && f == null) {
        return; // damaged here, sound where it was found: this snapshot's decode says so (suspect)
      }
      if (f == null) {
        refuse(refused, String.format("0x%08x (snapshot %d): its words describe no heap area", descriptor, snapshot));
        return;
      }
      if (known == null) {
        HeapArea a = f.area();
        String why = fit(a, descriptor, first, areas, ws);
        if (why != null) {
          refuse(refused, String.format("0x%08x (snapshot %d, pool 0x%08x..0x%08x): %s", descriptor, snapshot, a.poolStart(), a.poolEnd(), why));
          return;
        }
        areas.put(descriptor, a);
      }
      at = next;
    }
  }

  /** Why an area cannot join the capture's areas, or null when it can. */
  private static String fit(HeapArea a, long descriptor, HeapArea first, Map<Long, HeapArea> areas, int ws) {
    if (areas.size() >= AreaLinks.MOST_AREAS) {
      return "more than " + AreaLinks.MOST_AREAS + " areas over the capture";
    }
    if (a.bytesPerBlock() != first.bytesPerBlock() || a.hasFinaliser() != first.hasFinaliser() || a.hasWeakrefTable() != first.hasWeakrefTable()) {
      return "other block size or tables than the first area's";
    }
    if (a.poolStart() < first.poolStart()) {
      return "below the first area's pool, from which the log's block numbers count up";
    }
    for (Map.Entry<Long, HeapArea> e : areas.entrySet()) {
      HeapArea b = e.getValue();
      if (descriptor - ws < b.poolEnd() && e.getKey() - ws < a.poolEnd()) {
        return String.format("its memory held the area of other geometry at 0x%08x at another time", e.getKey());
      }
    }
    return null;
  }

  private static void refuse(List<String> refused, String why) {
    String place = why.substring(0, why.indexOf(' '));
    if (refused.stream().noneMatch(r -> r.startsWith(place))) {
      refused.add(why);
    }
  }
}
