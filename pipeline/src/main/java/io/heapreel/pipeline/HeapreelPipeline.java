package io.heapreel.pipeline;

import io.heapreel.model.lifespan.LiveAllocations;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.render.FrameEvent;
import io.heapreel.model.render.FrameSelection;
import io.heapreel.model.render.FreeTimeline;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * The heapreel pipeline, shaped like the data flow in docs/architecture.md: ram.bin split into snapshot
 * ranges and decoded in parallel; the log parsed once and replayed in order into events and typed
 * lifespans, summed per call site; the key frames inspected object by object, each object joined
 * to its lifespan; rows written as one Parquet folder per table.
 *
 * @param tablesFolder where the table folders are written (a staging folder; the launcher moves
 *     them into place when the run succeeds)
 * @param damageFolder where lines about damaged input are written
 */
public record HeapreelPipeline(
    CaptureFacts facts,
    SiteRules rules,
    KeyFrames keyFrames,
    long snapshotsPerSplit,
    String tablesFolder,
    String damageFolder,
    FrameSelection frames,
    String framesFolder) {

  /** Without frames. */
  public HeapreelPipeline(
      CaptureFacts facts, SiteRules rules, KeyFrames keyFrames, long snapshotsPerSplit, String tablesFolder, String damageFolder) {
    this(facts, rules, keyFrames, snapshotsPerSplit, tablesFolder, damageFolder, null, null);
  }

  /** The tables this pipeline writes: the log's tables only when the capture has a log. */
  public List<Table> tables() {
    List<Table> tables = new java.util.ArrayList<>(List.of(Table.SNAPSHOTS));
    if (facts.layout() != null) {
      tables.addAll(List.of(Table.OBJECTS, Table.REFERENCES, Table.ROOTS));
    }
    if (facts.logFile() != null) {
      tables.addAll(List.of(Table.EVENTS, Table.LIFESPANS, Table.CALL_SITES));
    }
    return tables;
  }

  /**
   * Splits of at least one batch; {@code snapshotsPerSplit} is rounded to whole batches. A file that
   * can only be read from its start is one split: each split would decompress it from there.
   */
  private long batchesPerSplit(SnapshotBatches batches) {
    if (facts.readFromStartOnly()) {
      return Math.max(1, batches.batches());
    }
    return Math.max(1, snapshotsPerSplit / batches.perBatch());
  }

  public Pipeline expandInto(Pipeline pipeline) {
    SnapshotBatches batches = SnapshotBatches.of(facts);
    PCollectionTuple decoded =
        pipeline.apply("DecodeSnapshots", new DecodeSnapshots(facts, batches, batchesPerSplit(batches)));
    decoded.get(DecodeSnapshots.SNAPSHOTS)
        .apply("WriteSnapshots", new WriteTable(Table.SNAPSHOTS, tablesFolder));
    decoded.get(DecodeSnapshots.DAMAGE).apply("WriteSnapshotDamage", new WriteDamage(damageFolder + "/snapshots"));
    PCollection<KV<Long, FrameEvent>> captions = null;
    PCollection<List<KV<Long, LiveAllocations>>> keyFrameAllocations = null;
    if (facts.logFile() != null) {
      PCollectionTuple replayed = pipeline.apply("ReplayLog", new ReplayLog(facts, rules, objectKeyFrames(), frames, tablesFolder));
      replayed.get(ReplayLogFn.DAMAGE).apply("WriteLogDamage", new WriteDamage(damageFolder + "/log"));
      replayed.get(ReplayLogFn.SITES)
          .apply("SumCallSites", new SumCallSites())
          .apply("WriteCallSites", new WriteTable(Table.CALL_SITES, tablesFolder));
      captions = replayed.get(ReplayLogFn.FRAME_EVENTS);
      keyFrameAllocations = replayed.get(ReplayLogFn.KEY_FRAMES);
    } else if (facts.layout() != null) {
      keyFrameAllocations = pipeline.apply("KeyFrames", InspectKeyFrames.withoutLog(keyFrames, facts.snapshotCount()));
    }
    if (facts.layout() != null) {
      PCollectionTuple objects = keyFrameAllocations.apply("InspectKeyFrames", new InspectKeyFrames(facts));
      objects.get(InspectKeyFrameFn.OBJECTS).apply("WriteObjects", new WriteTable(Table.OBJECTS, tablesFolder));
      objects.get(InspectKeyFrameFn.REFERENCES).apply("WriteReferences", new WriteTable(Table.REFERENCES, tablesFolder));
      objects.get(InspectKeyFrameFn.ROOTS).apply("WriteRoots", new WriteTable(Table.ROOTS, tablesFolder));
      objects.get(InspectKeyFrameFn.DAMAGE).apply("WriteKeyFrameDamage", new WriteDamage(damageFolder + "/key-frames"));
    }
    if (frames != null) {
      PCollectionView<FreeTimeline> timeline =
          decoded.get(DecodeSnapshots.SNAPSHOTS)
              .apply("FreeTimeline", new FreeTimelineView(facts.snapshotCount(), facts.heap().totalBlocks()));
      if (captions == null) {
        captions = pipeline.apply("NoCaptions", Create.empty(RenderFrames.EVENT_CODER));
      }
      captions.apply("RenderFrames", new RenderFrames(facts, frames, timeline, framesFolder));
    }
    return pipeline;
  }

  /** The key frames whose objects are written: none without a struct layout. */
  private KeyFrames objectKeyFrames() {
    return facts.layout() == null ? null : keyFrames;
  }

  /** About eight ranges per worker, each at most 256 MiB of ram.bin and at least 16 snapshots. */
  public static long defaultSnapshotsPerSplit(CaptureFacts facts, int workers) {
    long perWorker = facts.snapshotCount() / (8L * Math.max(1, workers));
    long byBytes = Math.max(1, (256L << 20) / facts.span().length());
    return Math.max(16, Math.min(perWorker, byBytes));
  }
}
