package io.heapreel.pipeline;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.hadoop.conf.Configuration;

/**
 * ParquetIO's sink fed with a batch of rows. Rows travel in batches up to the file writer because
 * runners pay per element and per bundle, far more than per row inside a batch.
 */
final class RowBatchSink implements FileIO.Sink<List<GenericRecord>> {
  private final FileIO.Sink<GenericRecord> rows;

  /**
   * @param hadoop the settings of the Parquet writer; pass one instance to all sinks of a worker:
   *     each fresh Configuration parses Hadoop's XML defaults again, which cost more than writing
   *     a batch
   */
  RowBatchSink(Schema schema, Configuration hadoop) {
    this.rows = ParquetIO.sink(schema).withConfiguration(hadoop);
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
