package io.heapreel.pipeline;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/**
 * The output tables: their folder names and Avro schemas (the Parquet columns). Names and columns
 * are a contract users write SQL against; add columns, never rename one silently.
 */
public enum Table {
  SNAPSHOTS(
      "snapshot",
      List.of("snapshot", "event"),
      SchemaBuilder.record("snapshot").namespace("io.heapreel").fields()
          .requiredLong("snapshot")
          .requiredLong("event")
          .requiredInt("objects")
          .requiredInt("marked")
          .requiredInt("allocated_blocks")
          .requiredInt("tail_blocks")
          .requiredInt("orphan_tail_blocks")
          .requiredInt("free_blocks")
          .requiredInt("largest_free_blocks")
          .requiredInt("free_runs")
          .requiredInt("finaliser_blocks")
          .requiredInt("total_blocks")
          .requiredLong("allocated_bytes")
          .requiredLong("total_bytes")
          .requiredLong("free_bytes")
          .requiredLong("largest_free_bytes")
          .requiredDouble("fragmentation")
          .requiredDouble("mean_free_run_blocks")
          .optionalString("suspect")
          .endRecord()),
  EVENTS(
      "event",
      List.of("event", "log_line"),
      SchemaBuilder.record("event").namespace("io.heapreel").fields()
          .requiredLong("event")
          .requiredString("action")
          .requiredInt("start_block")
          .requiredLong("address")
          .requiredInt("blocks")
          .requiredLong("bytes")
          .optionalString("site_function")
          .optionalString("site_file")
          .optionalInt("site_line")
          .name("trace").type().array().items(Tables.FRAME).noDefault()
          .requiredLong("log_line")
          .requiredBoolean("damaged")
          .endRecord()),
  LIFESPANS(
      "allocation_id",
      List.of("allocation_id", "start_event", "end_event"),
      SchemaBuilder.record("lifespan").namespace("io.heapreel").fields()
          .requiredLong("allocation_id")
          .requiredInt("start_block")
          .requiredLong("address")
          .requiredInt("blocks")
          .requiredLong("bytes")
          .requiredLong("start_event")
          .requiredString("start_action")
          .optionalLong("end_event")
          .optionalString("end_cause")
          .optionalString("site_function")
          .optionalString("site_file")
          .optionalInt("site_line")
          .optionalString("type")
          .optionalString("type_source")
          .endRecord()),
  OBJECTS(
      "snapshot",
      SchemaBuilder.record("object").namespace("io.heapreel").fields()
          .requiredLong("snapshot")
          .optionalLong("allocation_id")
          .requiredLong("address")
          .requiredInt("block")
          .requiredInt("blocks")
          .requiredLong("bytes")
          .optionalString("type")
          .optionalString("role")
          .optionalString("type_source")
          .optionalString("name")
          .optionalString("preview")
          .name("keys").type().nullable().array().items().stringType().noDefault()
          .optionalLong("owner")
          .requiredBoolean("reachable")
          .requiredLong("retained_blocks")
          .requiredLong("retained_bytes")
          .optionalLong("dominator")
          .endRecord()),
  REFERENCES(
      "snapshot",
      SchemaBuilder.record("reference").namespace("io.heapreel").fields()
          .requiredLong("snapshot")
          .requiredLong("from_address")
          .requiredInt("word_offset")
          .requiredLong("to_address")
          .endRecord()),
  ROOTS(
      "snapshot",
      SchemaBuilder.record("root").namespace("io.heapreel").fields()
          .requiredLong("snapshot")
          .optionalString("name")
          .requiredLong("address")
          .requiredLong("to_address")
          .endRecord()),
  CALL_SITES(
      null,
      SchemaBuilder.record("call_site").namespace("io.heapreel").fields()
          .optionalString("site_function")
          .optionalString("site_file")
          .optionalInt("site_line")
          .requiredLong("allocations")
          .requiredLong("blocks_allocated")
          .requiredLong("bytes_allocated")
          .requiredLong("blocks_alive_at_end")
          .requiredLong("bytes_alive_at_end")
          .requiredLong("longest_lifespan_events")
          .name("types_seen").type().array().items().stringType().noDefault()
          .endRecord()),
  /**
   * The allocations' call tree: their backtraces merged, outermost frame at the top, the allocator's
   * own frames below the allocation site folded into it; one row per node, node 0 the root ("all"),
   * a parent numbered below its children (see {@link CallTreeRows}).
   */
  CALL_TREE(
      null,
      List.of("node"),
      SchemaBuilder.record("call_tree_node").namespace("io.heapreel").fields()
          .requiredInt("node")
          .optionalInt("parent")
          .requiredString("frame")
          .name("allocation_ids").type().array().items().longType().noDefault()
          .endRecord()),
  /** One row: the capture's facts, so that SQL needs nothing outside the tables (see {@link CaptureRow}). */
  CAPTURE(
      null,
      SchemaBuilder.record("capture").namespace("io.heapreel").fields()
          .requiredInt("word_size")
          .optionalString("word_size_from")
          .requiredInt("block_bytes")
          .requiredInt("heap_areas")
          .name("areas").type().array().items(Tables.AREA).noDefault()
          .requiredLong("total_blocks")
          .requiredLong("total_bytes")
          .optionalString("heap_found_by")
          .requiredLong("ram_start")
          .requiredLong("ram_end")
          .requiredLong("ram_bytes")
          .requiredLong("snapshots")
          .optionalString("layout")
          .optionalString("state_symbol")
          .optionalString("object_repr")
          .optionalString("object_repr_from")
          .name("allocator_files").type().array().items().stringType().noDefault()
          .name("allocator_functions").type().array().items().stringType().noDefault()
          .name("sweep_functions").type().array().items().stringType().noDefault()
          .requiredInt("site_roles")
          .optionalString("ram_file")
          .optionalString("log_file")
          .optionalString("symbols_file")
          .optionalString("rom_file")
          .endRecord());

  /** Nested schemas shared by tables. */
  static final class Tables {
    /** One backtrace frame; pc is null for an inlined frame, file and line for a frame without debug info. */
    static final Schema FRAME =
        SchemaBuilder.record("frame").namespace("io.heapreel").fields()
            .optionalLong("pc")
            .requiredString("function")
            .optionalString("file")
            .optionalInt("line")
            .endRecord();

    /** One heap area: where its pool lies and how many blocks it has. */
    static final Schema AREA =
        SchemaBuilder.record("area").namespace("io.heapreel").fields()
            .requiredInt("area")
            .requiredLong("pool_start")
            .requiredLong("pool_end")
            .requiredInt("blocks")
            .requiredBoolean("finaliser")
            .endRecord();

    private Tables() {}
  }

  private final String batchKey;
  private final List<String> uniqueColumns;
  private final Schema schema;

  Table(String batchKey, Schema schema) {
    this(batchKey, List.of(), schema);
  }

  Table(String batchKey, List<String> uniqueColumns, Schema schema) {
    this.batchKey = batchKey;
    this.uniqueColumns = uniqueColumns;
    this.schema = schema;
  }

  /**
   * Top-level columns whose values never repeat in the table (ids, event numbers): written without
   * a dictionary, which for them only costs (a hash lookup a value) and saves nothing.
   */
  List<String> uniqueColumns() {
    return uniqueColumns;
  }

  /**
   * The long column that tells the batches of this table apart: no two batches share a value, so
   * the smallest value in a batch names its file. Null for a table that arrives as one batch.
   */
  String batchKey() {
    return batchKey;
  }

  public Schema schema() {
    return schema;
  }

  /** The folder name under {@code tables/}, as users name the table in SQL. */
  public String folder() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
