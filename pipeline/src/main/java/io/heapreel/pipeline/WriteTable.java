package io.heapreel.pipeline;

import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/** Batches of rows of one table into Parquet files under {@code folder/<table>/}, counted on the way. */
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
    batches
        .apply("Count", ParDo.of(new CountRows(table)))
        .setCoder(batches.getCoder())
        .apply(
            "Parquet",
            FileIO.<List<GenericRecord>>write()
                .via(new RowBatchSink(table.schema()))
                .to(folder + "/" + table.folder())
                .withNaming(FileIO.Write.defaultNaming("part", ".parquet")));
    return PDone.in(batches.getPipeline());
  }

  private static final class CountRows extends DoFn<List<GenericRecord>, List<GenericRecord>> {
    private final Counter rows;
    private final Counter all = Metrics.counter(Counters.NAMESPACE, Counters.ROWS_WRITTEN);

    CountRows(Table table) {
      this.rows = Metrics.counter(Counters.NAMESPACE, Counters.rows(table));
    }

    @ProcessElement
    public void process(@Element List<GenericRecord> batch, OutputReceiver<List<GenericRecord>> out) {
      rows.inc(batch.size());
      all.inc(batch.size());
      out.output(batch);
    }
  }
}
