package io.heapreel.cli;

import io.heapreel.model.capture.CaptureException;
import io.heapreel.model.render.FrameEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Frame captions from the gdb log, for the stand-alone {@code frames} command: per record the
 * logged start block and length, the action named after the collector function in frame #1, and
 * the allocation site (the first frame outside gc.c / malloc.c).
 *
 * <p>Interim: the full log parser and the log-replay actions (alloc / realloc / free / sweep) live
 * in {@code model.gclog}; the pipeline's frame transform takes its events from there.
 */
final class LogCaptions {
  private static final Pattern HIT =
      Pattern.compile("^Breakpoint \\d+, gc_log_change \\(start_block=(\\d+), length=(\\d+)\\)");
  private static final Pattern FRAME =
      Pattern.compile("^#(\\d+)\\s+(?:0x[0-9a-fA-F]+ in )?(\\S+) \\(.*?\\)(?: at (\\S+):(\\d+))?\\s*$");

  private LogCaptions() {}

  static List<FrameEvent> read(Path log) {
    List<FrameEvent> events = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(log, StandardCharsets.ISO_8859_1)) {
      String line;
      int start = -1;
      int length = 0;
      String action = "";
      String site = "";
      while ((line = in.readLine()) != null) {
        Matcher hit = HIT.matcher(line);
        if (hit.find()) {
          if (start >= 0) {
            events.add(new FrameEvent(events.size(), action, 0, start, length, site));
          }
          start = Integer.parseInt(hit.group(1));
          length = Integer.parseInt(hit.group(2));
          action = "";
          site = "";
          continue;
        }
        Matcher frame = FRAME.matcher(line);
        if (start < 0 || !frame.find()) {
          continue;
        }
        int depth = Integer.parseInt(frame.group(1));
        String function = frame.group(2);
        String file = frame.group(3);
        if (depth == 1) {
          action = action(function, length);
        }
        if (depth >= 1 && site.isEmpty() && file != null && !isAllocator(file)) {
          site = function + " (" + file.substring(file.lastIndexOf('/') + 1) + ":" + frame.group(4) + ")";
        }
      }
      if (start >= 0) {
        events.add(new FrameEvent(events.size(), action, 0, start, length, site));
      }
    } catch (IOException e) {
      throw new CaptureException(log + ": cannot read the gdb log (" + e.getMessage() + ")", e);
    }
    return events;
  }

  private static boolean isAllocator(String file) {
    return file.endsWith("gc.c") || file.endsWith("malloc.c");
  }

  private static String action(String function, int length) {
    if (function.startsWith("gc_sweep")) {
      return "sweep";
    }
    return switch (function) {
      case "gc_alloc" -> "alloc";
      case "gc_realloc" -> length == 0 ? "free" : "realloc";
      case "gc_free" -> "free";
      default -> function;
    };
  }
}
