package io.heapreel.pipeline;

import io.heapreel.model.error.CaptureException;
import io.heapreel.model.export.HeapSnapshotExport;
import io.heapreel.model.export.LogAllocations;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.objects.ObjectInspector;
import io.heapreel.model.open.Capture;
import io.heapreel.model.open.CaptureSpec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code run --heapsnapshots}: a few chosen snapshots as Chrome DevTools heap snapshots, written by
 * the launcher once the tables are published (a handful of files, each well under a second).
 */
final class HeapsnapshotExports {
  private HeapsnapshotExports() {}

  /** {@code N,M,...} and {@code last}, checked against the capture; empty for null. */
  static List<Long> parse(String text, long last) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    TreeSet<Long> indices = new TreeSet<>();
    for (String part : text.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      long index;
      try {
        index = p.equalsIgnoreCase("last") ? last : Long.parseLong(p);
      } catch (NumberFormatException e) {
        throw new CaptureException("--heapsnapshots takes snapshot numbers and 'last' separated by commas, not '" + text + "'");
      }
      if (index < 0 || index > last) {
        throw new CaptureException("--heapsnapshots: no snapshot " + index + " (the capture has 0.." + last + ")");
      }
      indices.add(index);
    }
    return List.copyOf(indices);
  }

  /** The file the replay leaves a snapshot's allocations from the log in, for the export. */
  private static Path allocationsFile(Path folder, long snapshot) {
    return folder.resolve(String.format("allocations_%06d.ser", snapshot));
  }

  /** Called by the pipeline's replay at the end of the log: the exported snapshots' allocations, one file each. */
  static void saveAllocations(Map<Long, LogAllocations> bySnapshot, Path folder) {
    try {
      Files.createDirectories(folder);
      for (Map.Entry<Long, LogAllocations> e : bySnapshot.entrySet()) {
        try (ObjectOutputStream out = new ObjectOutputStream(new BufferedOutputStream(Files.newOutputStream(allocationsFile(folder, e.getKey()))))) {
          out.writeObject(e.getValue());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What {@link #saveAllocations} left, read back; the folder is removed. */
  static Map<Long, LogAllocations> takeAllocations(List<Long> indices, Path folder) {
    Map<Long, LogAllocations> bySnapshot = new TreeMap<>();
    try {
      for (long index : indices) {
        try (ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(Files.newInputStream(allocationsFile(folder, index))))) {
          bySnapshot.put(index, (LogAllocations) in.readObject());
        }
        Files.delete(allocationsFile(folder, index));
      }
      Files.deleteIfExists(folder);
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException(folder + ": the replay's allocations for the export cannot be read", e);
    }
    return bySnapshot;
  }

  /**
   * Writes {@code folder/heap_NNNNNN.heapsnapshot} for each index; returns the files.
   *
   * @param fromLog the snapshots' allocations from the pipeline's replay of the log ({@link #takeAllocations}); null without a log
   */
  static List<String> write(CaptureSpec spec, CaptureFacts facts, SiteRules rules, List<Long> indices, Map<Long, LogAllocations> fromLog, Path folder) {
    List<String> written = new ArrayList<>();
    try (Capture capture = Capture.open(spec)) {
      ObjectInspector inspector = new ObjectInspector(capture, facts.layout());
      HeapSnapshotExport export =
          fromLog == null
              ? HeapSnapshotExport.withoutLog(capture, inspector)
              : HeapSnapshotExport.withLog(capture, inspector, fromLog, rules);
      for (long index : indices) {
        Path file = folder.resolve(String.format("heap_%06d.heapsnapshot", index));
        export.write(index, file);
        written.add(file.toString());
      }
    } catch (UncheckedIOException e) {
      throw new CaptureException(e.getMessage(), e);
    }
    return written;
  }
}
