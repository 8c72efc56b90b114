package io.heapreel.pipeline;

import io.heapreel.model.capture.Memory;
import io.heapreel.model.error.Reasons;
import io.heapreel.model.heap.HeapDecoder;
import io.heapreel.model.heap.HeapStats;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.avro.generic.GenericRecord;

/**
 * One snapshot decoded: its {@code snapshots} row, or null with the line saying why it cannot be
 * decoded; {@code damage} also says when no collector leaves its allocation table ({@code suspect}).
 * Made by the decode of snapshot ranges and, for a file read in one pass, by the log replay's reader.
 */
record DecodedSnapshot(GenericRecord row, String damage, boolean suspect) {
  /** @param read reads the snapshot; may throw, as a damaged compressed block does */
  static DecodedSnapshot of(long index, Supplier<? extends Memory> read, HeapDecoder decoder, int bytesPerBlock) {
    try {
      HeapStats stats = decoder.stats(read.get());
      GenericRecord row = SnapshotRows.row(index, stats, bytesPerBlock);
      return stats.suspect() == null
          ? new DecodedSnapshot(row, null, false)
          : new DecodedSnapshot(row, "snapshot " + index + ": no collector leaves this allocation table: " + stats.suspect(), true);
    } catch (RuntimeException e) {
      return new DecodedSnapshot(null, "snapshot " + index + ": cannot decode (" + Reasons.of(e) + ")", false);
    }
  }

  /** Its row to {@code rows} (else counted as damaged), counted as suspect, its line to {@code damageLines}. */
  void deliver(Consumer<GenericRecord> rows, Counter damaged, Counter suspects, Consumer<String> damageLines) {
    if (row != null) {
      rows.accept(row);
    } else {
      damaged.inc();
    }
    if (suspect) {
      suspects.inc();
    }
    if (damage != null) {
      damageLines.accept(damage);
    }
  }
}
