package io.heapreel.pipeline;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.parquet.ParquetIO;

/**
 * ParquetIO's sink fed with batches of rows. Rows travel in batches up to the file writer because
 * a runner may group everything it writes by shard (the DirectRunner always does), and grouping a
 * few hundred batches is far cheaper than grouping every row on its own.
 */
final class RowBatchSink implements FileIO.Sink<List<GenericRecord>> {
  private final FileIO.Sink<GenericRecord> rows;

  RowBatchSink(Schema schema) {
    this.rows = ParquetIO.sink(schema);
  }

  @Override
  public void open(WritableByteChannel channel) throws IOException {
    rows.open(channel);
  }

  @Override
  public void write(List<GenericRecord> batch) throws IOException {
    for (GenericRecord row : batch) {
      rows.write(row);
    }
  }

  @Override
  public void flush() throws IOException {
    rows.flush();
  }
}
