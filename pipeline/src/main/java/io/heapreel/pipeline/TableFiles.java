package io.heapreel.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.hadoop.conf.Configuration;

/**
 * Rows of one table written from inside a DoFn as they come, a {@link ParquetBatchFile} per
 * {@code rowsPerFile} rows: for a DoFn that makes a long stream of rows from one element, whose
 * outputs a runner would hold until the element is done.
 */
final class TableFiles {
  private final Table table;
  private final String folder;
  private final int rowsPerFile;
  private final Configuration hadoop;
  private final Counter rows;
  private final Counter all = Metrics.counter(Counters.NAMESPACE, Counters.ROWS_WRITTEN);
  private List<GenericRecord> batch = new ArrayList<>();

  /** @param tablesFolder the (staging) {@code tables} folder */
  TableFiles(Table table, String tablesFolder, int rowsPerFile, Configuration hadoop) {
    this.table = table;
    this.folder = tablesFolder + "/" + table.folder();
    this.rowsPerFile = rowsPerFile;
    this.hadoop = hadoop;
    this.rows = Metrics.counter(Counters.NAMESPACE, Counters.rows(table));
  }

  void add(GenericRecord row) {
    batch.add(row);
    if (batch.size() >= rowsPerFile) {
      flush();
    }
  }

  /** Writes the rows added since the last file. */
  void flush() {
    if (batch.isEmpty()) {
      return;
    }
    ParquetBatchFile.write(table, folder, batch, hadoop);
    rows.inc(batch.size());
    all.inc(batch.size());
    batch = new ArrayList<>();
  }
}
