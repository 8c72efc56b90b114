package io.heapreel.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The allocation site of every record of a gdb log, read with a regular expression of its own
 * (not heapreel's parser): the first frame after the hook outside gc.c and malloc.c, as
 * "function file:line", or "" when there is none.
 */
final class LogSites {
  private static final Pattern FRAME = Pattern.compile("^#(\\d+)\\s+(?:0x[0-9a-f]+ in )?(\\S+) \\(.*\\) at (\\S+):(\\d+)$");

  private LogSites() {}

  static List<String> read(Path log) throws IOException {
    List<String> sites = new ArrayList<>();
    String site = null;
    for (String line : Files.readAllLines(log)) {
      if (line.startsWith("Breakpoint 1, ")) {
        if (site != null) {
          sites.add(site);
        }
        site = "";
        continue;
      }
      Matcher m = FRAME.matcher(line);
      if (site != null && site.isEmpty() && m.matches() && !m.group(1).equals("0")) {
        String file = m.group(3);
        if (!file.endsWith("/gc.c") && !file.endsWith("/malloc.c")) {
          site = m.group(2) + " " + file + ":" + m.group(4);
        }
      }
    }
    if (site != null) {
      sites.add(site);
    }
    return sites;
  }
}
