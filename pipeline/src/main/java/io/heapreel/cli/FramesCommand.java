package io.heapreel.cli;

import io.heapreel.model.open.Capture;
import io.heapreel.model.error.CaptureException;
import io.heapreel.model.capture.SnapshotFile;
import io.heapreel.model.heap.HeapDecoder;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.render.FrameEvent;
import io.heapreel.model.render.FrameEvents;
import io.heapreel.model.render.FrameSelection;
import io.heapreel.model.render.FrameInputs;
import io.heapreel.model.render.FrameRenderer;
import io.heapreel.model.render.FreeTimeline;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.ArrayList;
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
          + " timeline and a legend go around it. Captions come from the gdb log when there is one."
    })
public final class FramesCommand implements Callable<Integer> {
  private static final int CHUNK = 32;

  @Mixin CaptureOptions capture;

  @Spec CommandSpec spec;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the frames (created if missing).")
  Path out;

  @Option(names = "--frame-every", paramLabel = "N", defaultValue = "1", description = "Render every N-th snapshot of the range (default: ${DEFAULT-VALUE}).")
  long every;

  @Option(names = "--frame-range", paramLabel = "A-B", description = "Snapshots A to B inclusive (default: all); 'A-' runs to the last.")
  String range;

  @Option(names = "--threads", paramLabel = "N", description = "Rendering threads (default: the number of processors).")
  Integer threads;

  @Mixin ProgressOptions console;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new CaptureException(out + ": --out must be a folder for the frames, and this is a file");
    }
    if (threads != null && threads < 1) {
      throw new CaptureException("--threads must be 1 or more, not " + threads);
    }
    try (Capture c = capture.open()) {
      Diagnostics.captureWarnings(c, err);
      long count = c.snapshots().count();
      FrameSelection selected = FrameSelection.parse(range, every, count);
      FrameSelection.pastTheEnd(range, count).ifPresent(w -> err.println("heapreel: warning: " + w));
      Map<Long, FrameEvent> events = events(c, selected, err);
      long started = System.nanoTime();
      HeapDecoder decoder = c.decoder();
      List<String> suspect = new ArrayList<>();
      // every snapshot against its own event, in the timeline's pass (frames warn of a missing log above)
      LogCheck check = c.files().log() != null ? LogCheck.of(c, SiteRules.MICROPYTHON, err) : null;
      FreeTimeline timeline = FrameInputs.timeline(c.snapshots(), decoder, suspect::add, (memory, index) -> {
        if (check != null) {
          check.check(index, memory);
        }
      });
      Diagnostics.suspectSnapshots(suspect, err);
      if (check != null) {
        check.report(err);
      }
      try {
        Files.createDirectories(out);
      } catch (IOException e) {
        throw new CaptureException(out + ": cannot create the frames folder (" + e.getMessage() + ")", e);
      }
      int n = threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors();
      ProgressOptions.Line progress = console.line(err);
      long written = render(c, decoder, timeline, events, selected, n, done -> progress.update(() -> String.format(Locale.ROOT,
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
    return FrameEvents.read(log, SiteRules.MICROPYTHON, selected::contains);
  }

  private long render(Capture c, HeapDecoder decoder, FreeTimeline timeline, Map<Long, FrameEvent> events, FrameSelection selected, int n,
      java.util.function.LongConsumer progress) throws InterruptedException {
    AtomicLong nextChunk = new AtomicLong();
    AtomicLong written = new AtomicLong();
    FrameRenderer renderer = new FrameRenderer(decoder, Diagnostics.objectsOrBuiltinColours(c, spec.commandLine().getErr()));
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < n; t++) {
        workers.add(pool.submit(() -> {
          try (SnapshotFile file = c.snapshots().reopen()) {
            for (long chunk = nextChunk.getAndIncrement(); chunk * CHUNK < selected.size(); chunk = nextChunk.getAndIncrement()) {
              long last = Math.min(selected.size(), (chunk + 1) * CHUNK);
              for (long k = chunk * CHUNK; k < last; k++) {
                long index = selected.get(k);
                byte[] png = renderer.png(file.snapshot(index), events.get(index), timeline);
                write(out.resolve(FrameRenderer.fileName(index)), png);
                progress.accept(written.incrementAndGet());
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> w : workers) {
        w.get();
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return written.get();
  }

  /** Whole file or nothing: a frame is written aside and moved into place. */
  private static void write(Path target, byte[] png) {
    Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
    try {
      Files.write(partial, png);
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CaptureException(target + ": cannot write the frame (" + e.getMessage() + ")", e);
    }
  }
}
