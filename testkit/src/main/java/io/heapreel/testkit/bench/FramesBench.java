package io.heapreel.testkit.bench;

import com.sun.management.OperatingSystemMXBean;
import io.heapreel.model.capture.SnapshotFile;
import io.heapreel.model.heap.HeapDecoder;
import io.heapreel.model.objects.ObjectInspector;
import io.heapreel.model.open.Capture;
import io.heapreel.model.render.FrameCanvas;
import io.heapreel.model.render.FrameEvent;
import io.heapreel.model.render.FrameInput;
import io.heapreel.model.render.FrameInputs;
import io.heapreel.model.render.FrameJob;
import io.heapreel.model.render.FramePainter;
import io.heapreel.model.render.FrameRenderer;
import io.heapreel.model.render.FrameSelection;
import io.heapreel.model.render.FrameSink;
import io.heapreel.model.render.FreeTimeline;
import io.heapreel.model.render.IndexedRaster;
import io.heapreel.model.render.PngEncoder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The frames job's speed in memory: every snapshot through {@link FrameJob} (the job {@code frames}
 * and {@code run --frames} run: captions, object colours, PNG) into a sink that only counts bytes;
 * and one thread's split of a frame into decode, paint and encode.
 */
public final class FramesBench {
  /** The frames/s issue 20 asks of {@code run --frames} and {@code frames} on a 4,000-snapshot capture. */
  public static final double TARGET_FRAMES_PER_SECOND = 600;

  /** One pass of the job over the capture; {@code cpuNanos} is the whole process's (JIT and GC included). */
  public record Round(long frames, double seconds, long cpuNanos, long pngBytes) {
    public double framesPerSecond() {
      return frames / seconds;
    }

    public double cpuMillisPerFrame() {
      return cpuNanos / 1e6 / frames;
    }
  }

  /** One thread's CPU time in each step, summed over all frames. */
  public record Steps(long frames, long decodeNanos, long paintNanos, long encodeNanos, long pngBytes) {}

  private final Capture capture;
  private final HeapDecoder decoder;
  private final ObjectInspector colours;
  private final Map<Long, FrameEvent> captions;
  private final int threads;
  private final FreeTimeline timeline;
  private final double timelineSeconds;

  /**
   * @param colours null colours by built-in types only
   * @param captions the captions of the snapshots, as {@code frames} reads them from the log
   */
  public FramesBench(Capture capture, ObjectInspector colours, Map<Long, FrameEvent> captions, int threads) {
    this.capture = capture;
    this.decoder = capture.decoder();
    this.colours = colours;
    this.captions = captions;
    this.threads = threads;
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

  public Round round() throws InterruptedException {
    LongAdder bytes = new LongAdder();
    FrameSink counting = (name, png) -> bytes.add(png.remaining());
    FrameJob job = new FrameJob(decoder, colours, timeline, counting);
    FrameSelection all = FrameSelection.parse(null, 1, capture.snapshots().count());
    long cpu = processCpuNanos();
    long start = System.nanoTime();
    long frames = job.renderAll(capture.snapshots(), all, captions::get, threads, done -> { });
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Round(frames, seconds, processCpuNanos() - cpu, bytes.sum());
  }

  /** Every snapshot on this thread, each step timed by the thread's CPU clock. */
  public Steps steps(int pngLevel) {
    ThreadMXBean clock = ManagementFactory.getThreadMXBean();
    FrameRenderer renderer = new FrameRenderer(decoder, colours);
    long[] phases = new long[4];
    long count;
    try (SnapshotFile file = capture.snapshots().reopen(); FrameCanvas canvas = new FrameCanvas(new FramePainter(), new PngEncoder(pngLevel))) {
      count = file.count();
      for (long i = 0; i < count; i++) {
        long a = clock.getCurrentThreadCpuTime();
        FrameInput input = renderer.input(file.snapshot(i), captions.get(i), timeline);
        long b = clock.getCurrentThreadCpuTime();
        IndexedRaster raster = canvas.paint(input);
        long d = clock.getCurrentThreadCpuTime();
        ByteBuffer png = canvas.encode(raster);
        long e = clock.getCurrentThreadCpuTime();
        phases[0] += b - a;
        phases[1] += d - b;
        phases[2] += e - d;
        phases[3] += png.remaining();
      }
    }
    return new Steps(count, phases[0], phases[1], phases[2], phases[3]);
  }

  private static long processCpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** The median of some figures (the mean of the middle two for an even count). */
  public static double median(List<Double> figures) {
    List<Double> s = figures.stream().sorted().toList();
    int k = s.size();
    return k == 0 ? Double.NaN : k % 2 == 1 ? s.get(k / 2) : (s.get(k / 2 - 1) + s.get(k / 2)) / 2;
  }
}
