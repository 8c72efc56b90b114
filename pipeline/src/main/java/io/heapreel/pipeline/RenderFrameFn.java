package io.heapreel.pipeline;

import io.heapreel.model.error.CaptureException;
import io.heapreel.model.error.CaptureException;
import io.heapreel.model.capture.Snapshot;
import io.heapreel.model.capture.SnapshotFile;
import io.heapreel.model.render.FrameEvent;
import io.heapreel.model.render.FrameRenderer;
import io.heapreel.model.render.FreeTimeline;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Renders one selected snapshot through the model's {@link FrameRenderer} and writes it aside,
 * then renames it into place: a retried bundle overwrites a frame, never leaves half of one.
 */
final class RenderFrameFn extends DoFn<KV<Long, CoGbkResult>, Long> {
  private final CaptureFacts facts;
  private final PCollectionView<FreeTimeline> timeline;
  private final String folder;
  private final Counter rendered = Metrics.counter(Counters.NAMESPACE, Counters.FRAMES_RENDERED);
  private final Counter nanos = Metrics.counter(Counters.NAMESPACE, Counters.RENDER_NANOS);
  private transient SnapshotFile snapshots;
  private transient FrameRenderer renderer;

  RenderFrameFn(CaptureFacts facts, PCollectionView<FreeTimeline> timeline, String folder) {
    this.facts = facts;
    this.timeline = timeline;
    this.folder = folder;
  }

  @Setup
  public void setup() {
    snapshots = facts.openSnapshots();
    renderer = new FrameRenderer(facts.decoder(), facts.openInspector());
  }

  @Teardown
  public void teardown() {
    if (snapshots != null) {
      snapshots.close();
    }
  }

  /** Renders the selected snapshots of one run with their captions. */
  @ProcessElement
  public void process(@Element KV<Long, CoGbkResult> run, ProcessContext c) {
    Map<Long, FrameEvent> captions = new HashMap<>();
    for (FrameEvent e : run.getValue().getAll(RenderFrames.EVENTS)) {
      captions.put(e.event(), e);
    }
    FreeTimeline free = c.sideInput(timeline);
    for (long index : run.getValue().getAll(RenderFrames.SELECTED)) {
      if (index >= snapshots.count()) {
        continue;
      }
      long start = System.nanoTime();
      Snapshot snapshot;
      try {
        snapshot = snapshots.snapshot(index);
      } catch (CaptureException unreadable) {
        continue; // a damaged compressed block: the snapshot decoding reports it
      }
      write(FrameRenderer.fileName(index), renderer.png(snapshot, captions.get(index), free));
      rendered.inc();
      nanos.inc(System.nanoTime() - start);
      c.output(index);
    }
  }

  private void write(String name, byte[] png) {
    ResourceId dir = FileSystems.matchNewResource(folder, true);
    ResourceId target = dir.resolve(name, StandardResolveOptions.RESOLVE_FILE);
    ResourceId partial = dir.resolve("." + name + ".partial", StandardResolveOptions.RESOLVE_FILE);
    try {
      try (WritableByteChannel out = FileSystems.create(partial, "image/png")) {
        out.write(ByteBuffer.wrap(png));
      }
      FileSystems.rename(List.of(partial), List.of(target));
    } catch (IOException e) {
      throw new CaptureException(target + ": cannot write the frame (" + e.getMessage() + ")", e);
    }
  }
}
