package io.heapreel.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.hadoop.conf.Configuration;

/**
 * Writes one batch of a table's rows as one Parquet file, named by the batch it holds (the smallest
 * {@link Table#batchKey} in it), under a temporary name first and then renamed into place: a bundle
 * that a runner retries overwrites its files instead of adding duplicate rows.
 */
final class ParquetBatchFile {
  /** Marks a file that is still being written; such files never end in {@code .parquet}. */
  static final String IN_PROGRESS = ".in-progress-";

  private ParquetBatchFile() {}

  /** The file name of a batch: {@code part-<smallest batch key>.parquet}, or {@code part-all} for a one-batch table. */
  static String fileName(Table table, List<GenericRecord> batch) {
    if (table.batchKey() == null) {
      return "part-all.parquet";
    }
    long smallest = Long.MAX_VALUE;
    for (GenericRecord row : batch) {
      smallest = Math.min(smallest, (Long) row.get(table.batchKey()));
    }
    return String.format("part-%012d.parquet", smallest);
  }

  /**
   * @param folder the table's folder
   * @param hadoop the Parquet writer's settings; pass one instance per worker
   */
  static void write(Table table, String folder, List<GenericRecord> batch, Configuration hadoop) {
    String name = fileName(table, batch);
    ResourceId dir = FileSystems.matchNewResource(folder, true);
    ResourceId target = dir.resolve(name, StandardResolveOptions.RESOLVE_FILE);
    ResourceId temporary = dir.resolve(name + IN_PROGRESS + UUID.randomUUID(), StandardResolveOptions.RESOLVE_FILE);
    try {
      try (WritableByteChannel channel = FileSystems.create(temporary, MimeTypes.BINARY);
          // Snappy, a dictionary for every column but the table's unique ones (docs/speed.md: settings measured)
          TableFileWriter writer = new TableFileWriter(new ChannelOutputFile(channel), table.schema(), table.uniqueColumns(), hadoop)) {
        for (GenericRecord row : batch) {
          writer.write(row);
        }
      }
      FileSystems.rename(List.of(temporary), List.of(target));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /**
   * The Parquet writer's Hadoop configuration, without Hadoop's XML defaults (core-default.xml and
   * core-site.xml, parsed for every worker, cost more than a small file's rows): the writer reads
   * only its own keys, whose defaults are in its code.
   */
  static Configuration hadoop() {
    return new Configuration(false);
  }
}
