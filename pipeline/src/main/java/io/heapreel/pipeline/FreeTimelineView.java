package io.heapreel.pipeline;

import io.heapreel.model.render.FreeTimeline;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * The capture-wide free-space timeline every frame shows, combined from the decoded snapshot rows
 * in parallel; it holds at most {@link FreeTimeline#MAX_BUCKETS} buckets whatever the capture size.
 */
final class FreeTimelineView extends PTransform<PCollection<List<GenericRecord>>, PCollectionView<FreeTimeline>> {
  private final long snapshots;
  private final int totalBlocks;

  FreeTimelineView(long snapshots, int totalBlocks) {
    this.snapshots = snapshots;
    this.totalBlocks = totalBlocks;
  }

  @Override
  public PCollectionView<FreeTimeline> expand(PCollection<List<GenericRecord>> rows) {
    return rows.apply("CombineTimeline", Combine.globally(new TimelineFn(snapshots, totalBlocks)).asSingletonView());
  }

  static final class TimelineFn extends Combine.CombineFn<List<GenericRecord>, FreeTimeline.Builder, FreeTimeline> {
    private final long snapshots;
    private final int totalBlocks;

    TimelineFn(long snapshots, int totalBlocks) {
      this.snapshots = snapshots;
      this.totalBlocks = totalBlocks;
    }

    @Override
    public FreeTimeline.Builder createAccumulator() {
      return new FreeTimeline.Builder(snapshots, totalBlocks);
    }

    @Override
    public FreeTimeline.Builder addInput(FreeTimeline.Builder timeline, List<GenericRecord> batch) {
      for (GenericRecord row : batch) {
        timeline.add((Long) row.get("snapshot"), (Integer) row.get("free_blocks"), (Integer) row.get("largest_free_blocks"));
      }
      return timeline;
    }

    @Override
    public FreeTimeline.Builder mergeAccumulators(Iterable<FreeTimeline.Builder> timelines) {
      FreeTimeline.Builder merged = createAccumulator();
      timelines.forEach(merged::merge);
      return merged;
    }

    @Override
    public FreeTimeline extractOutput(FreeTimeline.Builder timeline) {
      return timeline.build();
    }

    @Override
    public Coder<FreeTimeline.Builder> getAccumulatorCoder(CoderRegistry registry, Coder<List<GenericRecord>> input) {
      return SerializableCoder.of(FreeTimeline.Builder.class);
    }

    @Override
    public Coder<FreeTimeline> getDefaultOutputCoder(CoderRegistry registry, Coder<List<GenericRecord>> input) {
      return SerializableCoder.of(FreeTimeline.class);
    }
  }
}
