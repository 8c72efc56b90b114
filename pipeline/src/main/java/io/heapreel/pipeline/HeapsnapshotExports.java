package io.heapreel.pipeline;

import io.heapreel.model.open.Capture;
import io.heapreel.model.error.CaptureException;
import io.heapreel.model.open.CaptureSpec;
import io.heapreel.model.export.HeapSnapshotExport;
import io.heapreel.model.lifespan.LogReplay;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.objects.ObjectInspector;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  /** Writes {@code folder/heap_NNNNNN.heapsnapshot} for each index; returns the files. */
  static List<String> write(CaptureSpec spec, CaptureFacts facts, SiteRules rules, List<Long> indices, Path folder) {
    List<String> written = new ArrayList<>();
    try (Capture capture = Capture.open(spec)) {
      ObjectInspector inspector = new ObjectInspector(capture, facts.layout());
      HeapSnapshotExport export =
          facts.logFile() == null
              ? HeapSnapshotExport.withoutLog(capture, inspector)
              : HeapSnapshotExport.withLog(capture, inspector, LogReplay.read(Path.of(facts.logFile()), rules));
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
