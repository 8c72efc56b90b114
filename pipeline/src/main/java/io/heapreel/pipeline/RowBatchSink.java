package io.heapreel.pipeline;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.parquet.ParquetIO;

/**
 * ParquetIO's sink fed with a batch of rows. Rows travel in batches up to the file writer because
 * runners pay per element and per bundle, far more than per row inside a batch.
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
