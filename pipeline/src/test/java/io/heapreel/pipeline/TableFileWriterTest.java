package io.heapreel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TableFileWriter} against parquet-avro's own writer with the same settings: for random rows
 * of every table (absent values, empty and long lists, repeated and distinct strings, Utf8 shared or
 * not and String), the two files are the same bytes.
 */
class TableFileWriterTest {
  @TempDir Path dir;

  @Test
  void everyTableIsWrittenAsParquetAvroWritesIt() throws IOException {
    Random random = new Random(20);
    for (Table table : Table.values()) {
      for (int rows : new int[] {0, 1, 1_000}) {
        List<GenericRecord> batch = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
          batch.add(record(table.schema(), random));
        }
        Path ours = dir.resolve(table.folder() + rows + "-ours.parquet");
        Path theirs = dir.resolve(table.folder() + rows + "-theirs.parquet");
        try (FileChannel channel = FileChannel.open(ours, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            TableFileWriter writer = new TableFileWriter(new ChannelOutputFile(channel), table.schema(), table.uniqueColumns(), ParquetBatchFile.hadoop())) {
          for (GenericRecord row : batch) {
            writer.write(row);
          }
        }
        AvroParquetWriter.Builder<GenericRecord> builder =
            AvroParquetWriter.<GenericRecord>builder(new org.apache.hadoop.fs.Path(theirs.toUri()))
                .withSchema(table.schema()).withConf(new Configuration(false))
                .withCompressionCodec(CompressionCodecName.SNAPPY).withWriteMode(ParquetFileWriter.Mode.OVERWRITE);
        for (String column : table.uniqueColumns()) {
          builder = builder.withDictionaryEncoding(column, false);
        }
        try (ParquetWriter<GenericRecord> writer = builder.build()) {
          for (GenericRecord row : batch) {
            writer.write(row);
          }
        }
        assertThat(Files.readAllBytes(ours)).as("%s, %d rows", table, rows).isEqualTo(Files.readAllBytes(theirs));
      }
    }
  }

  private static final List<Utf8> SHARED = List.of(new Utf8("mp_obj_new_list"), new Utf8("objlist.c"), new Utf8(""), new Utf8("gc_alloc"));

  private static GenericRecord record(Schema schema, Random random) {
    GenericData.Record r = new GenericData.Record(schema);
    for (Schema.Field f : schema.getFields()) {
      r.put(f.pos(), value(f.schema(), random));
    }
    return r;
  }

  private static Object value(Schema s, Random random) {
    return switch (s.getType()) {
      case UNION -> random.nextInt(3) == 0 ? null : value(s.getTypes().get(s.getTypes().get(0).getType() == Schema.Type.NULL ? 1 : 0), random);
      case LONG -> random.nextBoolean() ? (long) random.nextInt(50) : random.nextLong();
      case INT -> random.nextBoolean() ? random.nextInt(50) : random.nextInt();
      case DOUBLE -> random.nextDouble();
      case FLOAT -> random.nextFloat();
      case BOOLEAN -> random.nextBoolean();
      case STRING -> switch (random.nextInt(3)) {
        case 0 -> SHARED.get(random.nextInt(SHARED.size()));
        case 1 -> "s" + random.nextInt(40);
        default -> new Utf8("u" + random.nextInt(1_000) + "ä");
      };
      case RECORD -> record(s, random);
      case ARRAY -> {
        List<Object> items = new ArrayList<>();
        for (int i = 0, n = random.nextInt(4) == 0 ? 0 : random.nextInt(12); i < n; i++) {
          items.add(value(s.getElementType(), random));
        }
        yield items;
      }
      default -> throw new IllegalArgumentException("no random value for " + s);
    };
  }
}
