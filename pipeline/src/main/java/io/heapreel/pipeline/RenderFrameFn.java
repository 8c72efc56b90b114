package io.heapreel.pipeline;

import io.heapreel.model.error.CaptureException;
import io.heapreel.model.capture.Snapshot;
import io.heapreel.model.capture.SnapshotFile;
import io.heapreel.model.render.FrameEvent;
import io.heapreel.model.render.FrameJob;
import io.heapreel.model.render.FreeTimeline;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Renders the selected snapshots of a run through the model's {@link FrameJob}, the job the
 * {@code frames} command runs, into Beam's file systems ({@link BeamFrameSink}).
 */
final class RenderFrameFn extends DoFn<KV<Long, CoGbkResult>, Long> {
  private final CaptureFacts facts;
  private final PCollectionView<FreeTimeline> timeline;
  private final String folder;
  private final Counter rendered = Metrics.counter(Counters.NAMESPACE, Counters.FRAMES_RENDERED);
  private final Counter nanos = Metrics.counter(Counters.NAMESPACE, Counters.RENDER_NANOS);
  private transient SnapshotFile snapshots;
  private transient FrameJob job;
  private transient FrameJob.Worker worker;

  RenderFrameFn(CaptureFacts facts, PCollectionView<FreeTimeline> timeline, String folder) {
    this.facts = facts;
    this.timeline = timeline;
    this.folder = folder;
  }

  @Setup
  public void setup() {
    snapshots = facts.openSnapshots();
  }

  @Teardown
  public void teardown() {
    if (worker != null) {
      worker.close();
    }
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
    FrameJob.Worker frames = worker(c.sideInput(timeline));
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
      frames.render(snapshot, captions.get(index));
      rendered.inc();
      nanos.inc(System.nanoTime() - start);
      c.output(index);
    }
  }

  /** This instance's worker, for the capture's timeline (the same in every bundle). */
  private FrameJob.Worker worker(FreeTimeline free) {
    if (job == null || !job.timeline().equals(free)) {
      if (worker != null) {
        worker.close();
      }
      job = new FrameJob(facts.decoder(), facts.openInspector(), free, new BeamFrameSink(folder));
      worker = job.worker();
    }
    return worker;
  }
}
