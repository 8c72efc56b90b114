package io.heapreel.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rows of a capture's reference_stats.csv (written by the capture's own tools, not by heapreel). */
final class ReferenceStats {
  private ReferenceStats() {}

  static List<Map<String, String>> read(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    String[] header = lines.get(0).split(",");
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], cells[i]);
      }
      rows.add(row);
    }
    return rows;
  }

  /** First and last snapshot of the longest run of consecutive 'alloc' events. */
  static int[] longestAllocRun(List<Map<String, String>> rows) {
    int[] best = {0, 0};
    int start = -1;
    for (int i = 0; i <= rows.size(); i++) {
      boolean alloc = i < rows.size() && rows.get(i).get("event_action").equals("alloc");
      if (alloc && start < 0) {
        start = i;
      } else if (!alloc && start >= 0) {
        if (i - 1 - start > best[1] - best[0]) {
          best = new int[] {start, i - 1};
        }
        start = -1;
      }
    }
    return best;
  }
}
