package io.heapreel.pipeline;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * One Parquet file of a table's rows, written through Parquet's own file, page and column writers
 * with {@link ColumnRows} in place of its record consumer: the file parquet-mr's
 * {@code ParquetWriter} with parquet-avro's schema conversion writes for the same rows and settings
 * (its defaults, Snappy), footer included (the Avro schema, {@code writer.model.name=avro}). A row
 * group is closed when its buffered columns pass Parquet's default row-group size, checked every
 * {@value #SIZE_CHECK_ROWS} rows ({@code ParquetWriter} checks at adaptive intervals, so a file
 * of more than 128 MB may be cut into row groups elsewhere); the tables' files stay far below it.
 */
final class TableFileWriter implements AutoCloseable {
  private static final String AVRO_SCHEMA = "parquet.avro.schema";
  private static final String MODEL = "avro";
  private static final int SIZE_CHECK_ROWS = 100;

  private final MessageType message;
  private final Schema schema;
  private final ParquetProperties properties;
  private final ParquetFileWriter file;
  private final CodecFactory codecs;
  private final CodecFactory.BytesCompressor compressor;
  private ColumnChunkPageWriteStore pages;
  private ColumnWriteStore columns;
  private ColumnRows rows;
  private long rowCount;
  private int rowGroupOrdinal;

  /** @param hadoop the codecs' settings ({@link ParquetBatchFile#hadoop()}) */
  TableFileWriter(OutputFile out, Schema schema, Iterable<String> withoutDictionary, Configuration hadoop) throws IOException {
    this.schema = schema;
    this.message = new AvroSchemaConverter(hadoop).convert(schema);
    ParquetProperties.Builder settings = ParquetProperties.builder();
    for (String column : withoutDictionary) {
      settings.withDictionaryEncoding(column, false);
    }
    this.properties = settings.build();
    this.file =
        new ParquetFileWriter(
            out, message, ParquetFileWriter.Mode.OVERWRITE, ParquetWriter.DEFAULT_BLOCK_SIZE, ParquetWriter.MAX_PADDING_SIZE_DEFAULT,
            properties.getColumnIndexTruncateLength(), properties.getStatisticsTruncateLength(), properties.getPageWriteChecksumEnabled());
    file.start();
    this.codecs = new CodecFactory(hadoop, properties.getPageSizeThreshold());
    this.compressor = codecs.getCompressor(CompressionCodecName.SNAPPY);
    startRowGroup();
  }

  void write(GenericRecord row) throws IOException {
    rows.write(row);
    rowCount++;
    if (rowCount % SIZE_CHECK_ROWS == 0 && columns.getBufferedSize() > ParquetWriter.DEFAULT_BLOCK_SIZE) {
      flushRowGroup();
      startRowGroup();
    }
  }

  @Override
  public void close() throws IOException {
    try {
      flushRowGroup();
      Map<String, String> footer = new HashMap<>();
      footer.put(AVRO_SCHEMA, schema.toString());
      footer.put(ParquetWriter.OBJECT_MODEL_NAME_PROP, MODEL);
      file.end(footer);
    } finally {
      codecs.release();
    }
  }

  private void startRowGroup() {
    pages = new ColumnChunkPageWriteStore(compressor, message, properties.getAllocator(), properties.getColumnIndexTruncateLength(),
        properties.getPageWriteChecksumEnabled(), null, rowGroupOrdinal);
    columns = properties.newColumnWriteStore(message, pages, pages);
    rows = new ColumnRows(schema, message, columns);
  }

  private void flushRowGroup() throws IOException {
    if (rowCount > 0) {
      rowGroupOrdinal++;
      file.startBlock(rowCount);
      columns.flush();
      pages.flushToFileWriter(file);
      rowCount = 0;
      file.endBlock();
    }
    columns.close();
  }
}
