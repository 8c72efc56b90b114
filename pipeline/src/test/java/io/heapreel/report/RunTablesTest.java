package io.heapreel.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.pipeline.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's reading of hand-built tables, written with parquet-avro's own writer (not the
 * pipeline's): every value the report takes, absent values, repeated strings and several files.
 */
class RunTablesTest {
  @TempDir Path dir;

  @Test
  void readsHandBuiltTables() throws IOException {
    Path tables = dir.resolve("tables");
    write(tables, Table.SNAPSHOTS, "part-000000000000", List.of(
        Map.of("snapshot", 0L, "event", 3L, "allocated_blocks", 10, "free_blocks", 90, "largest_free_blocks", 80, "total_blocks", 100, "fragmentation", 0.25),
        Map.of("snapshot", 1L, "event", 5L, "allocated_blocks", 12, "free_blocks", 88, "largest_free_blocks", 70, "total_blocks", 100, "fragmentation", 0.5)));
    write(tables, Table.SNAPSHOTS, "part-000000000002", List.of(
        Map.of("snapshot", 2L, "event", 9L, "allocated_blocks", 7, "free_blocks", 93, "largest_free_blocks", 93, "total_blocks", 100, "fragmentation", 0.0)));
    // event 1 names site A first; the lifespans then name B before A: B gets the next number
    write(tables, Table.EVENTS, "part-000000000000", List.of(
        Map.of("event", 1L, "action", "alloc", "start_block", 4, "blocks", 2, "site_function", "a", "site_file", "x.py", "site_line", 7,
            "trace", List.of(frame("alloc_inner", null, null), frame("a", "x.py", 7), frame("<module>", "main.py", 1))),
        // a free's trace is not the call tree's: passed over
        Map.of("event", 2L, "action", "free", "start_block", 4, "blocks", 2, "trace", List.of(frame("f", "z.py", 2), frame("g", "z.py", 9))),
        Map.of("event", 3L, "action", "realloc", "start_block", 6, "blocks", 1,
            "trace", List.of(frame("c", "y.py", null), frame("<module>", "main.py", 1)))));
    write(tables, Table.LIFESPANS, "part-000000000000", List.of(
        Map.of("start_block", 4, "blocks", 2, "start_event", 1L, "end_event", 2L, "end_cause", "free",
            "site_function", "b", "site_line", 3, "type", "str"),
        Map.of("start_block", 9, "blocks", 1, "start_event", 6L, "end_cause", "sweep",
            "site_function", "a", "site_file", "x.py", "site_line", 7, "type", "str"),
        Map.of("start_block", 12, "blocks", 3, "start_event", 8L)));
    write(tables, Table.OBJECTS, "part-000000000000", List.of(
        Map.of("snapshot", 2L, "address", 0x2000_0040L, "blocks", 3, "type", "raw", "role", "bytecode", "name", "f"),
        Map.of("snapshot", 2L, "address", 0x2000_0080L, "blocks", 1, "type", "raw"),
        Map.of("snapshot", 2L, "address", 0x2000_00a0L, "blocks", 2, "preview", "'hi'")));

    RunTables t = RunTables.read(tables);

    assertThat(t.snapshot.toArray()).containsExactly(0, 1, 2);
    assertThat(t.snapshotEvent.toArray()).containsExactly(3, 5, 9);
    assertThat(t.used.toArray()).containsExactly(10, 12, 7);
    assertThat(t.free.toArray()).containsExactly(90, 88, 93);
    assertThat(t.largestFree.toArray()).containsExactly(80, 70, 93);
    assertThat(t.fragmentation).containsExactly(0.25, 0.5, 0.0);
    assertThat(t.totalBlocks).isEqualTo(100);

    assertThat(t.event.toArray()).containsExactly(1, 2, 3);
    assertThat(t.eventBlock.toArray()).containsExactly(4, 4, 6);
    assertThat(t.eventSite.toArray()).containsExactly(t.sites.id("a (x.py:7)"), t.sites.id("(no site)"), t.sites.id("(no site)"));
    // the allocator's frame below the site is folded into it; outermost first in the tree
    int a = t.eventNode.get(0);
    int c = t.eventNode.get(2);
    assertThat(t.eventNode.get(1)).isZero();
    assertThat(t.trie.frame(a)).isEqualTo("a (x.py:7)");
    assertThat(t.trie.frame(c)).isEqualTo("c (y.py)");
    assertThat(t.trie.parent(a)).isEqualTo(t.trie.parent(c));
    assertThat(t.trie.frame(t.trie.parent(a))).isEqualTo("<module> (main.py:1)");
    assertThat(t.sites.names()).containsExactly("a (x.py:7)", "(no site)", "b (?:3)");

    assertThat(t.lifeStart.toArray()).containsExactly(1, 6, 8);
    assertThat(t.lifeEnd.toArray()).containsExactly(2, -1, -1);
    assertThat(t.lifeFreed.toArray()).containsExactly(1, 0, 0);
    assertThat(t.lifeBlock.toArray()).containsExactly(4, 9, 12);
    assertThat(t.lifeBlocks.toArray()).containsExactly(2, 1, 3);
    assertThat(t.lifeType.toArray()).containsExactly(t.types.id("str"), t.types.id("str"), t.types.id("(untyped)"));
    assertThat(t.lifeSite.toArray()).containsExactly(2, 0, 1);

    assertThat(t.objects).containsExactly(
        new RunTables.ObjectRow(2, "raw:bytecode", 3, 0x2000_0040L, "f", null),
        new RunTables.ObjectRow(2, "raw", 1, 0x2000_0080L, null, null),
        new RunTables.ObjectRow(2, "(untyped)", 2, 0x2000_00a0L, null, "'hi'"));
  }

  private static Map<String, Object> frame(String function, String file, Integer line) {
    Map<String, Object> f = new java.util.HashMap<>();
    f.put("function", function);
    f.put("file", file);
    f.put("line", line);
    return f;
  }

  /** One file of a table; columns not given are zero, false, empty or absent, as their type allows. */
  private static void write(Path tables, Table table, String name, List<Map<String, Object>> rows) throws IOException {
    Path file = tables.resolve(table.folder()).resolve(name + ".parquet");
    Files.createDirectories(file.getParent());
    Schema schema = table.schema();
    try (ParquetWriter<GenericRecord> writer =
        AvroParquetWriter.<GenericRecord>builder(new org.apache.hadoop.fs.Path(file.toUri()))
            .withSchema(schema).withConf(new Configuration(false)).build()) {
      for (Map<String, Object> row : rows) {
        writer.write(record(schema, row));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static GenericRecord record(Schema schema, Map<String, Object> values) {
    GenericData.Record r = new GenericData.Record(schema);
    for (Schema.Field f : schema.getFields()) {
      Object v = values.get(f.name());
      Schema type = f.schema();
      if (v instanceof List<?> list && type.getType() == Schema.Type.ARRAY && type.getElementType().getType() == Schema.Type.RECORD) {
        v = list.stream().map(m -> record(type.getElementType(), (Map<String, Object>) m)).toList();
      } else if (v == null) {
        v = switch (type.getType()) {
          case INT -> 0;
          case LONG -> 0L;
          case DOUBLE -> 0.0;
          case BOOLEAN -> false;
          case STRING -> "";
          case ARRAY -> List.of();
          default -> null; // a union with null: absent
        };
      }
      r.put(f.name(), v);
    }
    return r;
  }
}
