package io.heapreel.pipeline;

import io.heapreel.model.heap.HeapArea;
import io.heapreel.model.lifespan.SiteRules;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** The one row of the {@code capture} table: what the launcher learnt about the capture, for SQL. */
final class CaptureRow {
  private CaptureRow() {}

  static GenericRecord of(CaptureFacts facts, SiteRules rules) {
    GenericRecord r = new GenericData.Record(Table.CAPTURE.schema());
    r.put("word_size", facts.wordSize().bytes());
    r.put("word_size_from", facts.wordSize().source());
    r.put("block_bytes", facts.heap().bytesPerBlock());
    r.put("heap_areas", facts.heap().areas().size());
    List<GenericRecord> areas = new ArrayList<>();
    for (int i = 0; i < facts.heap().areas().size(); i++) {
      HeapArea a = facts.heap().areas().get(i);
      GenericRecord area = new GenericData.Record(Table.Tables.AREA);
      area.put("area", i);
      area.put("pool_start", a.poolStart());
      area.put("pool_end", a.poolEnd());
      area.put("blocks", a.blocks());
      area.put("finaliser", a.hasFinaliser());
      areas.add(area);
    }
    r.put("areas", areas);
    r.put("total_blocks", (long) facts.heap().totalBlocks());
    r.put("total_bytes", (long) facts.heap().totalBlocks() * facts.heap().bytesPerBlock());
    r.put("heap_found_by", facts.heap().describe());
    r.put("ram_start", facts.span().start());
    r.put("ram_end", facts.span().end());
    r.put("ram_bytes", facts.span().length());
    r.put("snapshots", facts.snapshotCount());
    r.put("layout", facts.layout() == null ? null : facts.layout().family());
    r.put("state_symbol", facts.layout() == null ? null : facts.layout().stateSymbol());
    r.put("object_repr", facts.layout() == null ? null : facts.layout().repr().macro());
    r.put("object_repr_from", facts.layout() == null ? null : facts.layout().reprFrom());
    r.put("allocator_files", rules.allocatorFiles().stream().sorted().toList());
    r.put("allocator_functions", rules.allocatorFunctions().stream().sorted().toList());
    r.put("sweep_functions", rules.sweepFunctions().stream().sorted().toList());
    r.put("site_roles", rules.siteRoles().byFunction().size());
    r.put("ram_file", facts.ramFile());
    r.put("log_file", facts.logFile());
    r.put("symbols_file", facts.symbols().source());
    r.put("rom_file", facts.romFile());
    return r;
  }
}
