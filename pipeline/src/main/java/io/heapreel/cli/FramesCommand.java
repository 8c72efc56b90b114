package io.heapreel.cli;

import io.heapreel.model.open.Capture;
import io.heapreel.model.error.CaptureException;
import io.heapreel.model.heap.HeapDecoder;
import io.heapreel.model.render.FrameEvent;
import io.heapreel.model.render.FrameEvents;
import io.heapreel.model.render.FrameFolder;
import io.heapreel.model.render.FrameInputs;
import io.heapreel.model.render.FrameJob;
import io.heapreel.model.render.FrameSelection;
import io.heapreel.model.render.FreeTimeline;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Renders heap frames on this machine with a few threads, without Beam. */
@Command(
    name = "frames",
    mixinStandardHelpOptions = true,
    description = {
      "Render one PNG per snapshot: heap_NNNNNN.png (NNNNNN = snapshot index) in --out.",
      "Each block is a cell (64 a row, more for big heaps), each allocation one shape coloured by type;"
          + " the event's blocks are outlined; a caption, a used/free bar, the capture's free-space"
          + " timeline and a legend go around it. Captions come from the gdb log when there is one, read with the"
          + " same log options as run (the same frames as run --frames)."
    })
public final class FramesCommand implements Callable<Integer> {
  @Mixin CaptureOptions capture;

  @Mixin LogOptions logOptions;

  @Spec CommandSpec spec;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the frames (created if missing).")
  Path out;

  @Mixin FrameRangeOptions frameRange;

  @Mixin ThreadsOption threads;

  @Mixin ProgressOptions console;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new CaptureException(out + ": --out must be a folder for the frames, and this is a file");
    }
    int n = threads.count();
    try (Capture c = capture.open()) {
      Diagnostics.captureWarnings(c, err);
      long count = c.snapshots().count();
      FrameSelection selected = frameRange.select(count);
      FrameSelection.pastTheEnd(frameRange.range, count).ifPresent(w -> err.println("heapreel: warning: " + w));
      Map<Long, FrameEvent> events = events(c, selected, err);
      long started = System.nanoTime();
      HeapDecoder decoder = c.decoder();
      List<String> suspect = new ArrayList<>();
      // every snapshot against its own event, in the timeline's pass (frames warn of a missing log above)
      LogCheck check = c.files().log() != null ? LogCheck.of(c, logOptions.rules(), err) : null;
      FreeTimeline timeline = FrameInputs.timeline(c.snapshots(), decoder, suspect::add, (memory, index) -> {
        if (check != null) {
          check.check(index, memory);
        }
      });
      Diagnostics.suspectSnapshots(suspect, err);
      if (check != null) {
        check.report(err);
      }
      FrameJob job = new FrameJob(decoder, Diagnostics.objectsOrBuiltinColours(c, err), timeline, new FrameFolder(out));
      ProgressOptions.Line progress = console.line(err);
      long written = job.renderAll(c.snapshots(), selected, events::get, n, done -> progress.update(() -> String.format(Locale.ROOT,
          "heapreel: %,d/%,d frames (%.0f s)", done, selected.size(), (System.nanoTime() - started) / 1e9)));
      progress.finish();
      double seconds = (System.nanoTime() - started) / 1e9;
      console.summary(err).printf(Locale.ROOT, "heapreel: wrote %d frames to %s in %.1f s (%.0f frames/s, %d threads)%n",
          written, out, seconds, written / Math.max(seconds, 1e-9), n);
    }
    return 0;
  }

  private Map<Long, FrameEvent> events(Capture c, FrameSelection selected, PrintWriter err) {
    Path log = c.files().log();
    if (log == null || !Files.isRegularFile(log)) {
      err.println("heapreel: warning: no gdb log: frames get no event captions");
      return Map.of();
    }
    return FrameEvents.read(log, logOptions.rules(c), c.heap(), selected::contains);
  }
}
