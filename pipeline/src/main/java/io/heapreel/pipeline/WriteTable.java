package io.heapreel.pipeline;

import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.hadoop.conf.Configuration;

/**
 * Batches of rows of one table, each into its own Parquet file under {@code folder/<table>/}
 * ({@link ParquetBatchFile}: retry-safe), counted on the way. The folder is the run's staging
 * folder, moved into place only when the whole run succeeded. This replaces FileIO, whose shard grouping and finalisation
 * cost the DirectRunner several times the work of the rows themselves.
 */
final class WriteTable extends PTransform<PCollection<List<GenericRecord>>, PDone> {
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
      hadoop = ParquetBatchFile.hadoop();
    }

    @ProcessElement
    public void process(@Element List<GenericRecord> batch) {
      if (batch.isEmpty()) {
        return;
      }
      ParquetBatchFile.write(table, folder, batch, hadoop);
      rows.inc(batch.size());
      all.inc(batch.size());
    }
  }
}
