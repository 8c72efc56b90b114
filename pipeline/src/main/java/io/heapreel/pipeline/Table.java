package io.heapreel.pipeline;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/**
 * The output tables: their folder names and Avro schemas (the Parquet columns). Names and columns
 * are a contract users write SQL against; add columns, never rename one silently.
 */
public enum Table {
  SNAPSHOTS(
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
          .requiredLong("free_bytes")
          .requiredLong("largest_free_bytes")
          .requiredDouble("fragmentation")
          .requiredDouble("mean_free_run_blocks")
          .endRecord());

  private final Schema schema;

  Table(Schema schema) {
    this.schema = schema;
  }

  public Schema schema() {
    return schema;
  }

  /** The folder name under {@code tables/}, as users name the table in SQL. */
  public String folder() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
