package io.heapreel.report;

import io.heapreel.model.error.CaptureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopCodecs;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;

/**
 * The rows of a flat table folder ({@code tables/<table>/*.parquet}: top-level columns, no lists), in
 * file-name order, read column by column through Parquet's column readers: only the named columns,
 * no record object per row, and each distinct string value decoded once per column.
 */
final class ParquetColumns {
  private ParquetColumns() {}

  /** Calls {@code row} once per row with the cursor on it; a missing folder has no rows. */
  static void read(Path folder, List<String> columns, Consumer<Row> row) {
    if (!Files.isDirectory(folder)) {
      return;
    }
    ParquetReadOptions options =
        ParquetReadOptions.builder().withCodecFactory(HadoopCodecs.newFactory(new Configuration(false), 0)).build();
    Row cursor = new Row(columns.size());
    for (Path file : ParquetRows.files(folder)) {
      try (ParquetFileReader reader = ParquetFileReader.open(new NioInputFile(file), options)) {
        MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
        MessageType requested = new MessageType(fileSchema.getName(), columns.stream().map(fileSchema::getType).toList());
        reader.setRequestedSchema(requested);
        String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
        for (PageReadStore pages = reader.readNextRowGroup(); pages != null; pages = reader.readNextRowGroup()) {
          ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, IGNORED, requested, createdBy);
          for (int c = 0; c < columns.size(); c++) {
            ColumnDescriptor column = requested.getColumnDescription(new String[] {columns.get(c)});
            cursor.readers[c] = store.getColumnReader(column);
            cursor.maxDefinition[c] = column.getMaxDefinitionLevel();
          }
          for (long i = 0, n = pages.getRowCount(); i < n; i++) {
            row.accept(cursor);
            cursor.next();
          }
        }
      } catch (IOException | RuntimeException e) {
        throw new CaptureException(file + ": cannot read it as a heapreel table (" + e.getMessage() + ")", e);
      }
    }
  }

  /** The current row of a row group; columns by their index in the list given to {@link #read}. */
  static final class Row {
    private final ColumnReader[] readers;
    private final int[] maxDefinition;
    private final List<Map<Binary, String>> strings;

    private Row(int columns) {
      readers = new ColumnReader[columns];
      maxDefinition = new int[columns];
      strings = Stream.<Map<Binary, String>>generate(HashMap::new).limit(columns).toList();
    }

    boolean present(int column) {
      return readers[column].getCurrentDefinitionLevel() == maxDefinition[column];
    }

    int int32(int column) {
      return readers[column].getInteger();
    }

    long int64(int column) {
      return readers[column].getLong();
    }

    double float64(int column) {
      return readers[column].getDouble();
    }

    /** The UTF-8 string, or null when absent. */
    String string(int column) {
      if (!present(column)) {
        return null;
      }
      Binary value = readers[column].getBinary();
      Map<Binary, String> seen = strings.get(column);
      String s = seen.get(value);
      if (s == null) {
        s = value.toStringUsingUTF8();
        // a key of its own bytes: a value may be a view into a page buffer
        seen.put(Binary.fromConstantByteArray(value.getBytes()), s);
      }
      return s;
    }

    private void next() {
      for (ColumnReader r : readers) {
        r.consume();
      }
    }
  }

  /** Values go through the column readers' getters, not through converters. */
  private static final PrimitiveConverter IGNORE = new PrimitiveConverter() {};

  private static final GroupConverter IGNORED =
      new GroupConverter() {
        @Override
        public Converter getConverter(int fieldIndex) {
          return IGNORE;
        }

        @Override
        public void start() {}

        @Override
        public void end() {}
      };
}
