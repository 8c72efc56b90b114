package io.heapreel.model.heap;

import io.heapreel.model.capture.Memory;
import io.heapreel.model.capture.RamSpan;
import io.heapreel.model.capture.SnapshotFile;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

/**
 * The areas of a heap that grows ({@code MICROPY_GC_SPLIT_HEAP_AUTO}): every area the collector's
 * list of areas holds in some snapshot, found by walking that list from the first area's {@code
 * next} word in each snapshot (every one of a mapped ram.bin; a sample of a compressed or remote
 * one, which is read whole only by the commands that decode every snapshot). Each snapshot then
 * decodes the areas its own list holds ({@link AreaLinks#present}).
 *
 * <p>An area is its descriptor's address and its geometry: the memory of an area given back may come
 * back at another size (the system heap hands it out again), which is another area of the capture,
 * present in other snapshots. An area is left out, and the snapshots holding it are suspect, when
 * heapreel cannot number its blocks as the log does: a descriptor that fails the geometry, an area
 * of another block size or tables, or one that overlaps an area before it in its own snapshot's
 * list. An area below the first area's pool is taken: its heap blocks are negative, as the log's
 * ({@link HeapLocation}).
 * A sampled file may miss an area added and freed between two samples.
 */
public final class GrowingHeap {
  /** Snapshots whose lists are walked when the file is not mapped. */
  private static final int SAMPLES = 256;

  private GrowingHeap() {}

  /** An area and where its descriptor lies. */
  private record Placed(long descriptor, HeapArea area) {}

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
    List<Placed> areas = new ArrayList<>();
    areas.add(new Placed(anchor.address(), first));
    List<String> refused = new ArrayList<>();
    long n = snapshots.count();
    LongStream walked = mapped || n <= SAMPLES ? LongStream.range(0, n)
        : LongStream.concat(LongStream.range(0, SAMPLES).map(i -> i * (n - 1) / (SAMPLES - 1)), LongStream.of(n - 1)).distinct();
    for (long s : walked.toArray()) {
      Memory m = snapshots.readable(s).orElse(null);
      if (m == null) {
        continue;
      }
      walk(m, span, head, ws, first, areas, refused, s);
    }
    // a descriptor damaged in one snapshot and sound in a later one is decoded: only that snapshot is suspect
    refused.removeIf(r -> r.endsWith("describe no heap area")
        && areas.stream().anyMatch(p -> r.startsWith(String.format("0x%08x ", p.descriptor()))));
    if (areas.size() == 1 && refused.isEmpty()) {
      return found.withLinks(new AreaLinks(head, List.of(anchor.address()), List.of(first), ws));
    }
    List<Placed> sorted = new ArrayList<>(areas);
    sorted.sort((x, y) -> HeapLocation.BY_POOL.compare(x.area(), y.area()));
    List<HeapArea> union = sorted.stream().map(Placed::area).toList();
    List<Long> descriptors = sorted.stream().map(Placed::descriptor).toList();
    if (!refused.isEmpty()) {
      warnings.add(String.format(
          "the firmware adds and frees heap areas as it runs (it has %s: MICROPY_GC_SPLIT_HEAP_AUTO); %d area(s) the"
              + " collector's list holds are not decoded, and the snapshots holding them are suspect: %s",
          AreaLinks.GROWS_SYMBOL, refused.size(), String.join("; ", refused.subList(0, Math.min(3, refused.size())))
              + (refused.size() > 3 ? "; ..." : "")));
    }
    long reused = descriptors.stream().distinct().count();
    String detail = found.detail() + String.format(
        "; the heap grows (%s: MICROPY_GC_SPLIT_HEAP_AUTO), %d areas over the capture%s%s", AreaLinks.GROWS_SYMBOL, union.size(),
        reused < union.size() ? String.format(" (%d of them memory given again at another size)", union.size() - reused) : "",
        mapped || n <= SAMPLES ? "" : " (the lists of " + SAMPLES + " sampled snapshots)");
    return new HeapLocation(union, found.method(), detail, anchor, new AreaLinks(head, descriptors, union, ws));
  }

  /**
   * Adds the areas of one snapshot's list that fit; says once why each other one does not. An area
   * is its descriptor's place and its geometry: the memory of an area given back may come back as
   * an area of another size (the system heap hands it out again), which is another area.
   */
  private static void walk(
      Memory m, RamSpan span, long head, int ws, HeapArea first, List<Placed> areas, List<String> refused, long snapshot) {
    List<HeapArea> listed = new ArrayList<>(List.of(first));
    long at = head;
    for (int steps = 0; steps <= AreaLinks.MOST_AREAS && m.contains(at, ws); steps++) {
      long next = m.word(at, ws);
      if (next == 0 || !span.contains(next)) {
        return;
      }
      long descriptor = next + ws;
      AreaDescriptorScan.Found f = AreaDescriptorScan.at(m, span, descriptor, ws);
      boolean placed = areas.stream().anyMatch(p -> p.descriptor() == descriptor);
      if (f == null) {
        if (!placed) {
          refuse(refused, String.format("0x%08x (snapshot %d): its words describe no heap area", descriptor, snapshot));
        }
        return; // or damaged here, sound where it was found: this snapshot's decode says so (suspect)
      }
      HeapArea a = f.area();
      if (areas.stream().noneMatch(p -> p.descriptor() == descriptor && p.area().equals(a))) {
        String why = fit(a, first, areas.size(), listed);
        if (why != null) {
          refuse(refused, String.format("0x%08x (snapshot %d, pool 0x%08x..0x%08x): %s", descriptor, snapshot, a.poolStart(), a.poolEnd(), why));
          return;
        }
        areas.add(new Placed(descriptor, a));
      }
      listed.add(a);
      at = next;
    }
  }

  /** Why an area cannot join the capture's areas, or null when it can; {@code listed} are the areas before it in its snapshot's list. */
  private static String fit(HeapArea a, HeapArea first, int found, List<HeapArea> listed) {
    if (found >= AreaLinks.MOST_AREAS) {
      return "more than " + AreaLinks.MOST_AREAS + " areas over the capture";
    }
    if (a.bytesPerBlock() != first.bytesPerBlock() || a.hasFinaliser() != first.hasFinaliser() || a.hasWeakrefTable() != first.hasWeakrefTable()) {
      return "other block size or tables than the first area's";
    }
    for (HeapArea b : listed) {
      if (a.atbStart() < b.poolEnd() && b.atbStart() < a.poolEnd()) {
        return String.format("its memory overlaps the area at 0x%08x..0x%08x in the same list", b.atbStart(), b.poolEnd());
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
