package io.heapreel.report;

import io.heapreel.model.capture.CaptureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.hadoop.ParquetReader;

/** The rows of one table folder ({@code tables/<table>/*.parquet}), in file-name order, reading only the columns asked for. */
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
    for (Path file : files(folder)) {
      try (ParquetReader<GenericRecord> reader =
          AvroParquetReader.<GenericRecord>builder(new NioInputFile(file)).withDataModel(GenericData.get()).withConf(conf).build()) {
        for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
          row.accept(r);
        }
      } catch (IOException | RuntimeException e) {
        throw new CaptureException(file + ": cannot read it as a heapreel table (" + e.getMessage() + ")", e);
      }
    }
  }

  private static List<Path> files(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    } catch (IOException e) {
      throw new CaptureException(folder + ": cannot list it (" + e.getMessage() + ")", e);
    }
  }
}
