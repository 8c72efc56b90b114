package io.heapreel.pipeline;

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
 * The heapreel pipeline, shaped like the data flow in DESIGN.md: ram.bin split into snapshot
 * ranges and decoded; the log parsed once, its events grouped by start block into lifespans and
 * summed per call site; rows written as one Parquet folder per table.
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

  /** Splits of at least one batch; {@code snapshotsPerSplit} is rounded to whole batches. */
  private long batchesPerSplit(SnapshotBatches batches) {
    return Math.max(1, snapshotsPerSplit / batches.perBatch());
  }

  public Pipeline expandInto(Pipeline pipeline) {
    SnapshotBatches batches = SnapshotBatches.of(facts);
    PCollectionTuple decoded =
        pipeline.apply("DecodeSnapshots", new DecodeSnapshots(facts, batches, batchesPerSplit(batches), keyFrames));
    decoded.get(DecodeSnapshots.SNAPSHOTS)
        .apply("WriteSnapshots", new WriteTable(Table.SNAPSHOTS, tablesFolder));
    decoded.get(DecodeSnapshots.DAMAGE).apply("WriteSnapshotDamage", new WriteDamage(damageFolder + "/snapshots"));
    if (facts.layout() != null) {
      decoded.get(DecodeSnapshots.OBJECTS).apply("WriteObjects", new WriteTable(Table.OBJECTS, tablesFolder));
      decoded.get(DecodeSnapshots.REFERENCES).apply("WriteReferences", new WriteTable(Table.REFERENCES, tablesFolder));
      decoded.get(DecodeSnapshots.ROOTS).apply("WriteRoots", new WriteTable(Table.ROOTS, tablesFolder));
    }
    PCollection<KV<Long, FrameEvent>> captions = null;
    if (facts.logFile() != null) {
      captions = expandLog(pipeline);
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

  /** The log's tables; returns the captions of the frames' events. */
  private PCollection<KV<Long, FrameEvent>> expandLog(Pipeline pipeline) {
    PCollectionTuple parsed = pipeline.apply("ParseLog", new ParseLog(facts.logFile()));
    parsed.get(ParseLogFn.DAMAGE).apply("WriteLogDamage", new WriteDamage(damageFolder + "/log"));
    PCollectionTuple replayed =
        parsed.get(ParseLogFn.EVENTS)
            .apply("BuildLifespans", new BuildLifespans(rules, facts.heap().areas().get(0), frames));
    replayed.get(ReplayBlockFn.EVENTS).apply("WriteEvents", new WriteTable(Table.EVENTS, tablesFolder));
    PCollectionTuple typed = replayed.get(ReplayBlockFn.LIFESPANS).apply("TypeLifespans", new TypeLifespans(facts));
    typed.get(TypeLifespansFn.LIFESPANS).apply("WriteLifespans", new WriteTable(Table.LIFESPANS, tablesFolder));
    typed.get(TypeLifespansFn.SITES)
        .apply("SumCallSites", new SumCallSites())
        .apply("WriteCallSites", new WriteTable(Table.CALL_SITES, tablesFolder));
    return replayed.get(ReplayBlockFn.FRAME_EVENTS);
  }

  /** About eight ranges per worker, each at most 256 MiB of ram.bin and at least 16 snapshots. */
  public static long defaultSnapshotsPerSplit(CaptureFacts facts, int workers) {
    long perWorker = facts.snapshotCount() / (8L * Math.max(1, workers));
    long byBytes = Math.max(1, (256L << 20) / facts.span().length());
    return Math.max(16, Math.min(perWorker, byBytes));
  }
}
