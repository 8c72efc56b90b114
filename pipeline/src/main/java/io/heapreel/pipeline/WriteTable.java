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
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.hadoop.conf.Configuration;

/**
 * Batches of rows of one table, each into its own Parquet file under {@code folder/<table>/},
 * counted on the way.
 *
 * <p>A file is named by the batch it holds (the smallest {@link Table#batchKey} in it), written
 * under a temporary name and renamed into place, so a bundle that a runner retries overwrites its
 * files instead of adding duplicate rows. The folder is the run's staging folder, moved into place
 * only when the whole run succeeded. This replaces FileIO, whose shard grouping and finalisation
 * cost the DirectRunner several times the work of the rows themselves.
 */
final class WriteTable extends PTransform<PCollection<List<GenericRecord>>, PDone> {
  /** Marks a file that is still being written; such files never end in {@code .parquet}. */
  static final String IN_PROGRESS = ".in-progress-";

  private final Table table;
  private final String folder;

  /** @param folder the (staging) {@code tables} folder */
  WriteTable(Table table, String folder) {
    this.table = table;
    this.folder = folder;
  }

  @Override
  public PDone expand(PCollection<List<GenericRecord>> batches) {
    batches.apply("Parquet", ParDo.of(new WriteBatchFn(table, folder + "/" + table.folder())));
    return PDone.in(batches.getPipeline());
  }

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

  private static final class WriteBatchFn extends DoFn<List<GenericRecord>, Void> {
    private final Table table;
    private final String folder;
    private final Counter rows;
    private final Counter all = Metrics.counter(Counters.NAMESPACE, Counters.ROWS_WRITTEN);
    private transient Configuration hadoop;

    WriteBatchFn(Table table, String folder) {
      this.table = table;
      this.folder = folder;
      this.rows = Metrics.counter(Counters.NAMESPACE, Counters.rows(table));
    }

    @Setup
    public void setup() {
      hadoop = new Configuration();
      hadoop.size(); // parses the XML defaults once; the sinks' copies share the result
    }

    @ProcessElement
    public void process(@Element List<GenericRecord> batch) {
      if (batch.isEmpty()) {
        return;
      }
      String name = fileName(table, batch);
      ResourceId dir = FileSystems.matchNewResource(folder, true);
      ResourceId target = dir.resolve(name, StandardResolveOptions.RESOLVE_FILE);
      ResourceId temporary = dir.resolve(name + IN_PROGRESS + UUID.randomUUID(), StandardResolveOptions.RESOLVE_FILE);
      try {
        try (WritableByteChannel channel = FileSystems.create(temporary, MimeTypes.BINARY)) {
          RowBatchSink sink = new RowBatchSink(table.schema(), hadoop);
          sink.open(channel);
          sink.write(batch);
          sink.flush();
        }
        FileSystems.rename(List.of(temporary), List.of(target));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + target, e);
      }
      rows.inc(batch.size());
      all.inc(batch.size());
    }
  }
}
