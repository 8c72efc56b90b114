package io.heapreel.model.render;

import io.heapreel.model.capture.Snapshot;
import io.heapreel.model.capture.SnapshotFile;
import io.heapreel.model.heap.HeapDecoder;
import io.heapreel.model.objects.ObjectInspector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;

/**
 * The frames of one capture, whoever runs them: a snapshot and its caption in, its PNG out to the
 * sink as {@code heap_NNNNNN.png}. The {@code frames} command runs it on a few threads of this
 * machine ({@link #renderAll}); the pipeline's render step calls a {@link Worker} per snapshot.
 * Both therefore write the same files. Thread-safe; each thread renders through a worker of its own.
 */
public final class FrameJob {
  /** Snapshots a thread of {@link #renderAll} takes at a time: neighbours share the page cache. */
  private static final int CHUNK = 32;

  private final FrameRenderer renderer;
  private final FreeTimeline timeline;
  private final FrameSink sink;

  /**
   * @param inspector the object level for colours and garbage, or null for built-in types only
   * @param timeline the capture's free space, drawn on every frame
   */
  public FrameJob(HeapDecoder decoder, ObjectInspector inspector, FreeTimeline timeline, FrameSink sink) {
    this.renderer = new FrameRenderer(decoder, inspector);
    this.timeline = timeline;
    this.sink = sink;
  }

  public FreeTimeline timeline() {
    return timeline;
  }

  /** A worker for one thread. */
  public Worker worker() {
    return new Worker();
  }

  /** Renders with buffers kept from frame to frame ({@link FrameCanvas}); one thread at a time. */
  public final class Worker implements AutoCloseable {
    private final FrameCanvas canvas = new FrameCanvas();

    /** @param caption the snapshot's event, or null when the log has none for it */
    public void render(Snapshot snapshot, FrameEvent caption) {
      sink.write(FrameRenderer.fileName(snapshot.index()), canvas.png(renderer.input(snapshot, caption, timeline)));
    }

    @Override
    public void close() {
      canvas.close();
    }
  }

  /**
   * Every selected snapshot on {@code threads} threads, each with its own view of the file.
   *
   * @param captions the caption of a snapshot, or null
   * @param progress told the number of frames written so far after each frame (from the rendering threads)
   * @return the frames written
   */
  public long renderAll(SnapshotFile snapshots, FrameSelection selection, LongFunction<FrameEvent> captions, int threads, LongConsumer progress)
      throws InterruptedException {
    AtomicLong nextChunk = new AtomicLong();
    AtomicLong written = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        parts.add(pool.submit(() -> {
          try (SnapshotFile file = snapshots.reopen(); Worker worker = worker()) {
            for (long chunk = nextChunk.getAndIncrement(); chunk * CHUNK < selection.size(); chunk = nextChunk.getAndIncrement()) {
              long last = Math.min(selection.size(), (chunk + 1) * CHUNK);
              for (long k = chunk * CHUNK; k < last; k++) {
                long index = selection.get(k);
                worker.render(file.snapshot(index), captions.apply(index));
                progress.accept(written.incrementAndGet());
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> part : parts) {
        part.get();
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
}
