package io.heapreel.report;

import io.heapreel.model.error.CaptureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.util.HadoopCodecs;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;

/**
 * The rows of one table folder ({@code tables/<table>/*.parquet}), in file-name order, reading only
 * the columns asked for. Files are read row group by row group through parquet-avro's converters
 * with one Hadoop configuration without XML defaults: ParquetReader's builder parses Hadoop's
 * default XML for every file it opens, which cost more than the rows of a small file.
 */
final class ParquetRows {
  private ParquetRows() {}

  /** Calls {@code row} for every row; a missing folder has no rows. */
  static void read(Path folder, Schema projection, Consumer<GenericRecord> row) {
    if (!Files.isDirectory(folder)) {
      return;
    }
    Configuration conf = new Configuration(false);
    AvroReadSupport.setRequestedProjection(conf, projection);
    AvroReadSupport.setAvroReadSchema(conf, projection);
    ParquetReadOptions options = ParquetReadOptions.builder().withCodecFactory(HadoopCodecs.newFactory(conf, 0)).build();
    AvroReadSupport<GenericRecord> support = new AvroReadSupport<>(GenericData.get());
    for (Path file : files(folder)) {
      try (ParquetFileReader reader = ParquetFileReader.open(new NioInputFile(file), options)) {
        FileMetaData meta = reader.getFooter().getFileMetaData();
        MessageType fileSchema = meta.getSchema();
        Map<String, String> keyValues = meta.getKeyValueMetaData();
        Map<String, Set<String>> merged = keyValues.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> Set.of(e.getValue())));
        ReadSupport.ReadContext context = support.init(new InitContext(conf, merged, fileSchema));
        MessageType requested = context.getRequestedSchema();
        reader.setRequestedSchema(requested);
        RecordMaterializer<GenericRecord> materializer = support.prepareForRead(conf, keyValues, fileSchema, context);
        MessageColumnIO io = new ColumnIOFactory(meta.getCreatedBy()).getColumnIO(requested, fileSchema, true);
        for (PageReadStore pages = reader.readNextRowGroup(); pages != null; pages = reader.readNextRowGroup()) {
          RecordReader<GenericRecord> records = io.getRecordReader(pages, materializer, FilterCompat.NOOP);
          for (long i = 0, n = pages.getRowCount(); i < n; i++) {
            row.accept(records.read());
          }
        }
      } catch (IOException | RuntimeException e) {
        throw new CaptureException(file + ": cannot read it as a heapreel table (" + e.getMessage() + ")", e);
      }
    }
  }

  /** Whether {@code folder} is a table folder with a Parquet file in it. */
  static boolean hasFiles(Path folder) {
    return Files.isDirectory(folder) && !files(folder).isEmpty();
  }

  static List<Path> files(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    } catch (IOException e) {
      throw new CaptureException(folder + ": cannot list it (" + e.getMessage() + ")", e);
    }
  }
}
