package io.heapreel.pipeline;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Rows of a table into Parquet's record consumer through writers made once per file from the
 * table's Avro schema: the same columns, values and footer as parquet-avro's writer (its schema
 * conversion, its two-level lists, the Avro schema in the footer), without its per-value work
 * (resolving every union against the value's class, looking fields up by name). Values are what
 * the row classes put: boxed numbers, {@link Utf8} or {@link String}, lists, nested records.
 */
final class RowWriteSupport extends WriteSupport<GenericRecord> {
  private static final String AVRO_SCHEMA = "parquet.avro.schema";
  /** The name parquet-avro's lists give their repeated field (the two-level list structure). */
  private static final String LIST_ELEMENT = "array";

  private final Schema schema;
  private RecordConsumer consumer;
  private FieldWriter[] fields;
  private final Map<Utf8, Binary> binaries = new IdentityHashMap<>();

  RowWriteSupport(Schema schema) {
    this.schema = schema;
  }

  @Override
  public String getName() {
    return "avro";
  }

  @Override
  public WriteContext init(Configuration configuration) {
    MessageType message = new AvroSchemaConverter(configuration).convert(schema);
    fields = fieldWriters(schema, message);
    Map<String, String> footer = new HashMap<>();
    footer.put(AVRO_SCHEMA, schema.toString());
    return new WriteContext(message, footer);
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  @Override
  public void write(GenericRecord row) {
    consumer.startMessage();
    writeFields(fields, row);
    consumer.endMessage();
  }

  private void writeFields(FieldWriter[] writers, GenericRecord record) {
    for (FieldWriter f : writers) {
      Object value = record.get(f.position);
      if (value == null) {
        if (f.required) {
          throw new IllegalArgumentException("null in the required column " + f.name + " of " + record.getSchema().getName());
        }
        continue;
      }
      consumer.startField(f.name, f.index);
      f.value.write(value);
      consumer.endField(f.name, f.index);
    }
  }

  private FieldWriter[] fieldWriters(Schema record, GroupType group) {
    List<Schema.Field> avro = record.getFields();
    FieldWriter[] writers = new FieldWriter[avro.size()];
    for (int i = 0; i < writers.length; i++) {
      Schema.Field f = avro.get(i);
      Type column = group.getType(f.name());
      writers[i] = new FieldWriter(f.name(), group.getFieldIndex(f.name()), f.pos(),
          column.isRepetition(Type.Repetition.REQUIRED), valueWriter(nonNull(f.schema()), column));
    }
    return writers;
  }

  private ValueWriter valueWriter(Schema s, Type column) {
    return switch (s.getType()) {
      case LONG -> v -> consumer.addLong(((Number) v).longValue());
      case INT -> v -> consumer.addInteger(((Number) v).intValue());
      case DOUBLE -> v -> consumer.addDouble(((Number) v).doubleValue());
      case FLOAT -> v -> consumer.addFloat(((Number) v).floatValue());
      case BOOLEAN -> v -> consumer.addBoolean((Boolean) v);
      case STRING -> v -> consumer.addBinary(binary(v));
      case RECORD -> {
        FieldWriter[] nested = fieldWriters(s, column.asGroupType());
        yield v -> {
          consumer.startGroup();
          writeFields(nested, (GenericRecord) v);
          consumer.endGroup();
        };
      }
      case ARRAY -> {
        GroupType list = column.asGroupType();
        ValueWriter element = valueWriter(nonNull(s.getElementType()), list.getType(0));
        yield v -> {
          List<?> items = (List<?>) v;
          consumer.startGroup();
          if (!items.isEmpty()) {
            consumer.startField(LIST_ELEMENT, 0);
            for (Object item : items) {
              element.write(item);
            }
            consumer.endField(LIST_ELEMENT, 0);
          }
          consumer.endGroup();
        };
      }
      default -> throw new IllegalArgumentException("no Parquet writer for Avro type " + s);
    };
  }

  /**
   * A {@link Utf8} as Parquet's value, made once per Utf8 object: the row classes share one object
   * per distinct string ({@link AvroStrings}) and never change it, so its bytes are constant for
   * Parquet, which then keeps them in its dictionary and statistics without copying them.
   */
  private Binary binary(Object v) {
    if (v instanceof Utf8 u) {
      Binary b = binaries.get(u);
      if (b == null) {
        b = Binary.fromConstantByteArray(u.getBytes(), 0, u.getByteLength());
        if (binaries.size() < AvroStrings.KEPT) {
          binaries.put(u, b);
        }
      }
      return b;
    }
    return Binary.fromCharSequence((CharSequence) v);
  }

  /** X of a nullable union [null, X]; the schema itself otherwise. */
  private static Schema nonNull(Schema s) {
    if (s.getType() != Schema.Type.UNION) {
      return s;
    }
    List<Schema> types = s.getTypes();
    if (types.size() != 2 || !types.contains(Schema.create(Schema.Type.NULL))) {
      throw new IllegalArgumentException("only nullable unions [null, X] are tables' columns, not " + s);
    }
    return types.get(0).getType() == Schema.Type.NULL ? types.get(1) : types.get(0);
  }

  private interface ValueWriter {
    void write(Object value);
  }

  private record FieldWriter(String name, int index, int position, boolean required, ValueWriter value) {}
}
