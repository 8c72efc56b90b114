package io.heapreel.testkit.bench;

import io.heapreel.model.capture.SnapshotFile;
import io.heapreel.model.heap.HeapDecoder;
import io.heapreel.model.objects.ObjectInspector;
import io.heapreel.model.open.Capture;
import io.heapreel.model.render.FrameInput;
import io.heapreel.model.render.FrameInputs;
import io.heapreel.model.render.FramePainter;
import io.heapreel.model.render.FrameRenderer;
import io.heapreel.model.render.FreeTimeline;
import io.heapreel.model.render.IndexedRaster;
import io.heapreel.model.render.PngEncoder;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Frame rendering throughput in memory (no files): every snapshot decoded, painted and PNG-encoded, each step timed. */
public final class FramesBench {
  /** One pass over the capture; the step times are wall time summed over the threads. */
  public record Round(
      long frames, double seconds, int threads, long decodeNanos, long paintNanos, long encodeNanos, long pngBytes, long cpuNanos) {}

  private final Capture capture;
  private final HeapDecoder decoder;
  private final ObjectInspector colours;
  private final int threads;
  private final int pngLevel;
  private final FreeTimeline timeline;
  private final double timelineSeconds;

  /** {@code colours} null colours by built-in types only. */
  public FramesBench(Capture capture, ObjectInspector colours, int threads, int pngLevel) {
    this.capture = capture;
    this.decoder = capture.decoder();
    this.colours = colours;
    this.threads = threads;
    this.pngLevel = pngLevel;
    long t0 = System.nanoTime();
    this.timeline = FrameInputs.timeline(capture.snapshots(), decoder);
    this.timelineSeconds = (System.nanoTime() - t0) / 1e9;
  }

  public FreeTimeline timeline() {
    return timeline;
  }

  public double timelineSeconds() {
    return timelineSeconds;
  }

  public Round round() throws Exception {
    long start = System.nanoTime();
    FrameRenderer renderer = new FrameRenderer(decoder, colours);
    FramePainter painter = new FramePainter();
    PngEncoder encoder = new PngEncoder(pngLevel);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long count = capture.snapshots().count();
    try {
      List<Future<long[]>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int worker = t;
        parts.add(pool.submit(() -> {
          long[] phases = new long[5];
          long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
          try (SnapshotFile file = capture.snapshots().reopen()) {
            for (long i = worker; i < count; i += threads) {
              long a = System.nanoTime();
              FrameInput input = renderer.input(file.snapshot(i), null, timeline);
              long b = System.nanoTime();
              IndexedRaster raster = painter.paint(input);
              long d = System.nanoTime();
              byte[] png = encoder.encode(raster);
              long e = System.nanoTime();
              phases[0] += b - a;
              phases[1] += d - b;
              phases[2] += e - d;
              phases[3] += png.length;
            }
          }
          phases[4] = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart;
          return phases;
        }));
      }
      long[] sum = new long[5];
      for (Future<long[]> p : parts) {
        long[] phases = p.get();
        for (int k = 0; k < 5; k++) {
          sum[k] += phases[k];
        }
      }
      return new Round(count, (System.nanoTime() - start) / 1e9, threads, sum[0], sum[1], sum[2], sum[3], sum[4]);
    } finally {
      pool.shutdownNow();
    }
  }
}
