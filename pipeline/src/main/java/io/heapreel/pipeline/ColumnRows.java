package io.heapreel.pipeline;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Rows of a table put straight into Parquet's column writers, each value with its repetition and
 * definition level worked out from the table's schema once per file: the values and levels
 * parquet-avro's record consumer would hand the same column writers (nullable fields, records,
 * parquet-avro's two-level lists), without its per-value bookkeeping (the field being written, which
 * fields a group has had, the nulls of fields not written). Values are what the row classes put:
 * boxed numbers, {@link Utf8} or {@link String}, lists, nested records.
 */
final class ColumnRows {
  private final ColumnWriteStore store;
  private final MessageType message;
  private final Field[] fields;
  private final Map<Utf8, Binary> binaries = new IdentityHashMap<>();

  /** @param message the table's Parquet schema, as converted from {@code schema} */
  ColumnRows(Schema schema, MessageType message, ColumnWriteStore store) {
    this.store = store;
    this.message = message;
    this.fields = fields(schema, message, new String[0], 0);
  }

  void write(GenericRecord row) {
    writeFields(fields, row, 0, 0);
    store.endRecord();
  }

  private static void writeFields(Field[] fields, GenericRecord record, int r, int d) {
    for (Field f : fields) {
      Object value = record.get(f.position);
      if (value != null) {
        f.node.write(value, r, d);
      } else if (f.required) {
        throw new IllegalArgumentException("null in the required column " + f.name + " of " + record.getSchema().getName());
      } else {
        f.node.writeNull(r, d);
      }
    }
  }

  private Field[] fields(Schema record, GroupType group, String[] path, int repetition) {
    List<Schema.Field> avro = record.getFields();
    Field[] result = new Field[avro.size()];
    for (int i = 0; i < result.length; i++) {
      Schema.Field f = avro.get(i);
      Type column = group.getType(f.name());
      boolean required = column.isRepetition(Type.Repetition.REQUIRED);
      result[i] = new Field(f.name(), f.pos(), required, node(nonNull(f.schema()), column, with(path, f.name()), required ? 0 : 1, repetition));
    }
    return result;
  }

  /**
   * @param defines what the node adds to the definition level when it holds a value: 1 for an
   *     optional field or a list's repeated element, 0 for a required field
   * @param repetition the repetition level of the lists above it
   */
  private Node node(Schema s, Type column, String[] path, int defines, int repetition) {
    return switch (s.getType()) {
      case LONG, INT, DOUBLE, FLOAT, BOOLEAN, STRING -> leaf(s.getType(), store.getColumnWriter(message.getColumnDescription(path)), defines);
      case RECORD -> record(fields(s, column.asGroupType(), path, repetition), defines);
      case ARRAY -> {
        Type element = column.asGroupType().getType(0);
        yield list(node(nonNull(s.getElementType()), element, with(path, element.getName()), 1, repetition + 1), defines, repetition + 1);
      }
      default -> throw new IllegalArgumentException("no Parquet writer for Avro type " + s);
    };
  }

  private Node leaf(Schema.Type type, ColumnWriter w, int defines) {
    return switch (type) {
      case LONG -> new Leaf(w) {
        @Override
        public void write(Object v, int r, int d) {
          w.write(((Number) v).longValue(), r, d + defines);
        }
      };
      case INT -> new Leaf(w) {
        @Override
        public void write(Object v, int r, int d) {
          w.write(((Number) v).intValue(), r, d + defines);
        }
      };
      case DOUBLE -> new Leaf(w) {
        @Override
        public void write(Object v, int r, int d) {
          w.write(((Number) v).doubleValue(), r, d + defines);
        }
      };
      case FLOAT -> new Leaf(w) {
        @Override
        public void write(Object v, int r, int d) {
          w.write(((Number) v).floatValue(), r, d + defines);
        }
      };
      case BOOLEAN -> new Leaf(w) {
        @Override
        public void write(Object v, int r, int d) {
          w.write((Boolean) v, r, d + defines);
        }
      };
      default -> new Leaf(w) {
        @Override
        public void write(Object v, int r, int d) {
          w.write(binary(v), r, d + defines);
        }
      };
    };
  }

  private static Node record(Field[] fields, int defines) {
    return new Node() {
      @Override
      public void write(Object v, int r, int d) {
        writeFields(fields, (GenericRecord) v, r, d + defines);
      }

      @Override
      public void writeNull(int r, int d) {
        for (Field f : fields) {
          f.node.writeNull(r, d);
        }
      }
    };
  }

  /**
   * A list: its elements one after the other, the first at the row's repetition level and the others
   * at the list's own; an empty list is a null at the list's definition level in each of its columns.
   */
  private static Node list(Node element, int defines, int repetition) {
    return new Node() {
      @Override
      public void write(Object v, int r, int d) {
        List<?> items = (List<?>) v;
        int defined = d + defines;
        if (items.isEmpty()) {
          element.writeNull(r, defined);
          return;
        }
        for (int i = 0, n = items.size(); i < n; i++) {
          element.write(items.get(i), i == 0 ? r : repetition, defined);
        }
      }

      @Override
      public void writeNull(int r, int d) {
        element.writeNull(r, d);
      }
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

  private static String[] with(String[] path, String name) {
    String[] longer = Arrays.copyOf(path, path.length + 1);
    longer[path.length] = name;
    return longer;
  }

  /** A value's writer: its columns' values at the given levels, or nulls in all of them. */
  private interface Node {
    /** @param d the definition level of the field's parent */
    void write(Object value, int r, int d);

    void writeNull(int r, int d);
  }

  private abstract static class Leaf implements Node {
    private final ColumnWriter w;

    Leaf(ColumnWriter w) {
      this.w = w;
    }

    @Override
    public void writeNull(int r, int d) {
      w.writeNull(r, d);
    }
  }

  private record Field(String name, int position, boolean required, Node node) {}
}
