package io.heapreel.pipeline;

import io.heapreel.model.lifespan.LiveAllocations;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.render.FrameEvent;
import io.heapreel.model.render.FreeTimeline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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
 * @param outputs what is wired: the log's tables, the object tables, the frames
 * @param tablesFolder where the table folders are written (a staging folder; the launcher moves
 *     them into place when the run succeeds)
 * @param damageFolder where lines about damaged input are written
 */
public record HeapreelPipeline(
    CaptureFacts facts,
    SiteRules rules,
    PipelineOutputs outputs,
    long snapshotsPerSplit,
    String tablesFolder,
    String damageFolder,
    String failuresFolder) {

  /** The order run.json and the closing lines list the tables in. */
  private static final List<Table> LISTED =
      List.of(Table.SNAPSHOTS, Table.OBJECTS, Table.REFERENCES, Table.ROOTS, Table.EVENTS, Table.LIFESPANS, Table.CALL_SITES, Table.CALL_TREE);

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

  /** Wires the outputs asked for into {@code pipeline}; returns the tables it writes. */
  public List<Table> expandInto(Pipeline pipeline) {
    List<Table> written = new ArrayList<>();
    boolean replayDecodes = replayDecodes();
    PCollectionTuple decoded = null;
    if (!replayDecodes) {
      SnapshotBatches batches = SnapshotBatches.of(facts, snapshotsPerSplit);
      decoded = pipeline.apply("DecodeSnapshots",
          new DecodeSnapshots(facts, batches, batchesPerSplit(batches), tablesFolder, damageFolder + "/snapshots", outputs.frames().isPresent()));
      written.add(Table.SNAPSHOTS); // the decode writes it itself, a file a batch, while it decodes the next
    }
    Optional<PCollectionTuple> replayed = Optional.empty();
    if (outputs.log()) {
      PCollectionTuple replay = pipeline.apply("ReplayLog", new ReplayLog(
          facts, rules, outputs.objects().orElse(null), outputs.frames().map(PipelineOutputs.Frames::selection).orElse(null),
          outputs.exportAllocations().orElse(null), tablesFolder, damageFolder, failuresFolder, replayDecodes));
      written.addAll(List.of(Table.EVENTS, Table.LIFESPANS, Table.CALL_SITES, Table.CALL_TREE)); // the replay writes them itself, in event order
      if (replayDecodes) {
        written.add(Table.SNAPSHOTS);
      }
      replayed = Optional.of(replay);
    }
    Optional<PCollectionTuple> log = replayed;
    outputs.objects().ifPresent(keyFrames -> {
      PCollection<List<KV<Long, LiveAllocations>>> allocations = log
          .map(r -> r.get(ReplayLogFn.KEY_FRAMES))
          .orElseGet(() -> pipeline.apply("KeyFrames", InspectKeyFrames.withoutLog(keyFrames, facts.snapshotCount())));
      allocations.apply("InspectKeyFrames", new InspectKeyFrames(facts, tablesFolder, damageFolder + "/key-frames"));
      written.addAll(List.of(Table.OBJECTS, Table.REFERENCES, Table.ROOTS)); // the inspection writes them itself
    });
    PCollectionTuple decodedRows = decoded;
    outputs.frames().ifPresent(frames -> {
      PCollectionView<FreeTimeline> timeline =
          decodedRows.get(DecodeSnapshots.SNAPSHOTS)
              .apply("FreeTimeline", new FreeTimelineView(facts.snapshotCount(), facts.heap().totalBlocks()));
      PCollection<KV<Long, FrameEvent>> captions = log
          .map(r -> r.get(ReplayLogFn.FRAME_EVENTS))
          .orElseGet(() -> pipeline.apply("NoCaptions", Create.empty(RenderFrames.EVENT_CODER)));
      captions.apply("RenderFrames", new RenderFrames(facts, frames.selection(), timeline, frames.folder()));
    });
    written.sort(Comparator.comparingInt(LISTED::indexOf));
    return List.copyOf(written);
  }

  /**
   * Whether the log replay decodes the snapshots itself, instead of a decode of snapshot ranges in
   * parallel: when reading a snapshot costs more than decoding it (a compressed file, decompressed
   * from its block's start; a file fetched by byte ranges), as the replay reads every snapshot
   * anyway. Each is then read once instead of twice, on a thread beside the replay
   * ({@link ReplayLogFn}). Not with frames, whose free timeline is made from the decode's rows.
   */
  private boolean replayDecodes() {
    return outputs.log() && outputs.frames().isEmpty() && !facts.plainLocalFile();
  }

  /**
   * About eight ranges per worker, each at most 256 MiB of ram.bin and at least 32 MiB (and 16
   * snapshots). A range is a bundle and a Parquet file with their fixed cost (the runner's scheduling,
   * a writer's set-up and close: 10-40 ms each on the DirectRunner), about what decoding 32 MiB takes:
   * smaller ranges cost more than their parallelism gives back. Eight ranges of the 120-snapshot
   * sample ran one after the other on the one DirectRunner worker, 0.14 s against 0.01 s in one
   * (docs/speed.md).
   */
  public static long defaultSnapshotsPerSplit(CaptureFacts facts, int workers) {
    long perWorker = facts.snapshotCount() / (8L * Math.max(1, workers));
    long byBytes = Math.max(1, (256L << 20) / facts.span().length());
    long atLeast = Math.max(16, (32L << 20) / facts.span().length());
    return Math.max(atLeast, Math.min(perWorker, byBytes));
  }
}
