package io.heapreel.report;

import io.heapreel.model.error.CaptureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.IdentityHashMap;
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
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * The rows of a table folder ({@code tables/<table>/*.parquet}), in file-name order, read column by
 * column through Parquet's column readers: only the named columns (a column in a list by its path,
 * {@code trace.array.function}), no record object per row, each distinct string value decoded once
 * per column.
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
        MessageType requested =
            columns.stream().map(c -> new MessageType(fileSchema.getName(), only(fileSchema, c.split("\\."), 0))).reduce(MessageType::union).orElseThrow();
        reader.setRequestedSchema(requested);
        String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
        for (PageReadStore pages = reader.readNextRowGroup(); pages != null; pages = reader.readNextRowGroup()) {
          ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, ignoring(requested), requested, createdBy);
          for (int c = 0; c < columns.size(); c++) {
            ColumnDescriptor column = requested.getColumnDescription(columns.get(c).split("\\."));
            cursor.readers[c] = store.getColumnReader(column);
            cursor.maxDefinition[c] = column.getMaxDefinitionLevel();
            cursor.left[c] = cursor.readers[c].getTotalValueCount();
            cursor.advanced[c] = false;
            cursor.byObject.get(c).clear();
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

  /** The field at {@code path} from {@code i} on, with only that path's fields in its groups. */
  private static Type only(GroupType group, String[] path, int i) {
    Type field = group.getType(path[i]);
    return i == path.length - 1 ? field : field.asGroupType().withNewFields(only(field.asGroupType(), path, i + 1));
  }

  /** The current row of a row group; columns by their index in the list given to {@link #read}. */
  static final class Row {
    private static final int KEPT_BY_OBJECT = 1 << 14;

    private final ColumnReader[] readers;
    private final int[] maxDefinition;
    private final long[] left;
    /** Already on the next row's first value (a list column read to its end). */
    private final boolean[] advanced;
    private final List<Map<Binary, String>> strings;
    /**
     * Per column, the strings of the row group's values by their value object: a dictionary page hands
     * out the same object for every occurrence of a value, found here without hashing its bytes.
     */
    private final List<Map<Binary, String>> byObject;

    private Row(int columns) {
      readers = new ColumnReader[columns];
      maxDefinition = new int[columns];
      left = new long[columns];
      advanced = new boolean[columns];
      strings = Stream.<Map<Binary, String>>generate(HashMap::new).limit(columns).toList();
      byObject = Stream.<Map<Binary, String>>generate(IdentityHashMap::new).limit(columns).toList();
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
      Map<Binary, String> known = byObject.get(column);
      String s = known.get(value);
      if (s != null) {
        return s;
      }
      Map<Binary, String> seen = strings.get(column);
      s = seen.get(value);
      if (s == null) {
        s = value.toStringUsingUTF8();
        // a key of its own bytes: a value may be a view into a page buffer
        seen.put(Binary.fromConstantByteArray(value.getBytes()), s);
      }
      if (known.size() < KEPT_BY_OBJECT) {
        known.put(value, s); // a plain page's values are new objects each: bounded, dropped with the row group
      }
      return s;
    }

    /**
     * Moves a column in a list to the list's next element in this row; false when the row's list has
     * no more (the column is then on the next row's first value).
     */
    boolean nextInRow(int column) {
      consume(column);
      if (left[column] == 0 || readers[column].getCurrentRepetitionLevel() == 0) {
        advanced[column] = true;
        return false;
      }
      return true;
    }

    /** Every column onto the next row, past list elements not read. */
    private void next() {
      for (int c = 0; c < readers.length; c++) {
        if (advanced[c]) {
          advanced[c] = false;
          continue;
        }
        do {
          consume(c);
        } while (left[c] > 0 && readers[c].getCurrentRepetitionLevel() > 0);
      }
    }

    private void consume(int column) {
      if (present(column)) {
        readers[column].skip(); // a value not read: past its bytes (nothing when it was read)
      }
      readers[column].consume();
      left[column]--;
    }
  }

  /** Values go through the column readers' getters, not through converters: converters that ignore them. */
  private static final PrimitiveConverter IGNORE = new PrimitiveConverter() {};

  private static GroupConverter ignoring(GroupType group) {
    Converter[] fields = group.getFields().stream().map(f -> f.isPrimitive() ? IGNORE : ignoring(f.asGroupType())).toArray(Converter[]::new);
    return new GroupConverter() {
      @Override
      public Converter getConverter(int fieldIndex) {
        return fields[fieldIndex];
      }

      @Override
      public void start() {}

      @Override
      public void end() {}
    };
  }
}
