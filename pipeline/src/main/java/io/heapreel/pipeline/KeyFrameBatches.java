package io.heapreel.pipeline;

import io.heapreel.model.lifespan.LiveAllocations;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.KV;

/**
 * Key frames, each with the allocations it shows, gathered in snapshot order into batches of
 * {@value #SIZE}: a batch is inspected as one element, so its object rows leave in a few Parquet
 * files rather than three per key frame (a capture with thousands of key frames made thousands of
 * tiny files). A batch holds the same key frames on every run, so the files named after it are the
 * same when a runner retries.
 */
final class KeyFrameBatches {
  static final int SIZE = 16;
  static final Coder<List<KV<Long, LiveAllocations>>> CODER =
      ListCoder.of(KvCoder.of(VarLongCoder.of(), SerializableCoder.of(LiveAllocations.class)));

  private final Consumer<List<KV<Long, LiveAllocations>>> out;
  private List<KV<Long, LiveAllocations>> batch = new ArrayList<>(SIZE);

  /** @param out takes each full batch, and the last one at {@link #finish()} */
  KeyFrameBatches(Consumer<List<KV<Long, LiveAllocations>>> out) {
    this.out = out;
  }

  /** Key frames must come in increasing snapshot order. */
  void add(long snapshot, LiveAllocations shown) {
    batch.add(KV.of(snapshot, shown));
    if (batch.size() == SIZE) {
      out.accept(batch);
      batch = new ArrayList<>(SIZE);
    }
  }

  void finish() {
    if (!batch.isEmpty()) {
      out.accept(batch);
      batch = new ArrayList<>(SIZE);
    }
  }

  /** The key frames of a capture without a log, in batches: no allocation ids. */
  static List<List<KV<Long, LiveAllocations>>> withoutLog(KeyFrames keyFrames, long snapshots) {
    List<List<KV<Long, LiveAllocations>>> all = new ArrayList<>();
    KeyFrameBatches batches = new KeyFrameBatches(all::add);
    for (long s : keyFrames.between(0, snapshots)) {
      batches.add(s, LiveAllocations.unknown(s));
    }
    batches.finish();
    return all;
  }
}
