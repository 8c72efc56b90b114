package io.heapreel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.open.Capture;
import io.heapreel.model.heap.HeapArea;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.testing.RealCaptures;
import io.heapreel.model.objects.ObjectInspector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transforms on the DirectRunner with its checks on (immutability and encodability of every
 * element), asserted with PAssert.
 */
class TransformsTest {
  private static Pipeline checkedPipeline() {
    DirectOptions options = PipelineOptionsFactory.create().as(DirectOptions.class);
    assertThat(options.isEnforceImmutability()).isTrue();
    assertThat(options.isEnforceEncodability()).isTrue();
    return Pipeline.create(options);
  }

  @Test
  void decodeSnapshotsGivesTheReferenceFigures(@TempDir Path tmp) throws Exception {
    CaptureFacts all;
    try (Capture c = Capture.open(RealCaptures.dev())) {
      all = CaptureFacts.of(c);
    }
    int n = 300;
    CaptureFacts facts = all.firstSnapshots(n);
    List<String> expected = new ArrayList<>();
    List<String> ref = Files.readAllLines(RealCaptures.referenceFile("dev", "reference_stats.csv"));
    for (String line : ref.subList(1, n + 1)) {
      String[] f = line.split(",");
      // snapshot, heads, marked_heads, allocated_blocks, tail_blocks, orphan_tail_blocks, free_blocks, longest_free_run_blocks, ftb_set_on_heads
      expected.add(String.join(",", f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[9]));
    }
    Pipeline p = checkedPipeline();
    // small batches so the 300 snapshots spread over several batches and splits
    Path damage = tmp.resolve("damage");
    PCollectionTuple decoded = p.apply(new DecodeSnapshots(facts, new SnapshotBatches(n, 7), 3, null, damage.toString(), true));
    PCollection<String> rows =
        decoded.get(DecodeSnapshots.SNAPSHOTS)
            .apply(FlatMapElements.into(TypeDescriptors.strings()).via(TransformsTest::statsColumns));
    PAssert.that(rows).containsInAnyOrder(expected);
    p.run().waitUntilFinish();
    assertThat(damage).doesNotExist(); // no damage line, no file
  }

  private static List<String> statsColumns(List<GenericRecord> batch) {
    List<String> out = new ArrayList<>();
    for (GenericRecord r : batch) {
      StringBuilder s = new StringBuilder();
      for (String c : List.of("snapshot", "objects", "marked", "allocated_blocks", "tail_blocks", "orphan_tail_blocks",
          "free_blocks", "largest_free_blocks", "finaliser_blocks")) {
        s.append(s.length() == 0 ? "" : ",").append(r.get(c));
      }
      out.add(s.toString());
    }
    return out;
  }

  /** A gdb log record as scripts/capture.gdb prints it. */
  private static String record(int block, int length, String... frames) {
    StringBuilder r = new StringBuilder();
    r.append("Breakpoint 1, gc_log_change (start_block=").append(block).append(", length=").append(length)
        .append(") at ../../py/gc.c:147\n147\t    gc_log_change_counter += length;\n")
        .append("#0  gc_log_change (start_block=").append(block).append(", length=").append(length).append(") at ../../py/gc.c:147\n");
    for (int i = 0; i < frames.length; i++) {
      r.append('#').append(i + 1).append("  0x0000").append(1000 + i).append(" in ").append(frames[i]).append('\n');
    }
    return r.append("$1 = ").append(block).append("\n$2 = ").append(length).append("\n\n").toString();
  }

  @Test
  void replayLogFollowsTheEventRules(@TempDir Path tmp) throws Exception {
    // a hand-made log over the sample capture: the expected actions and lifespans follow from
    // CAPTURE.md's event semantics
    String alloc = "gc_alloc (n_bytes=8) at ../../py/gc.c:1024";
    String site = "list_new (n=1) at ../../py/objlist.c:477";
    String free = "gc_free (ptr=0x0) at ../../py/gc.c:1100";
    String sweep = "gc_sweep_free_blocks () at ../../py/gc.c:400";
    Path capture = Files.createDirectories(tmp.resolve("capture"));
    Path sample = RealCaptures.checkout().resolve("sample-dumps").resolve("small");
    for (String f : List.of("ram.bin", "firmware.map", "firmware.elf", "firmware.bin")) {
      Files.createSymbolicLink(capture.resolve(f), sample.resolve(f).toAbsolutePath());
    }
    Files.writeString(capture.resolve("mylog.txt"),
        record(3, 2, alloc, site) + record(5, 1, alloc, site) + record(3, 0, free, site) + record(5, 3, alloc, site)
            + record(5, 0, sweep) + record(9, 0, free, site) + record(7, 4, alloc, site));
    CaptureFacts facts;
    try (Capture c = Capture.open(capture)) {
      facts = CaptureFacts.of(c, ObjectInspector.of(c).layout());
    }
    HeapArea area = facts.heap().areas().get(0);
    Path tables = tmp.resolve("tables");
    Pipeline p = checkedPipeline();
    PCollectionTuple replayed =
        p.apply(new ReplayLog(facts, SiteRules.MICROPYTHON, KeyFrames.parse("2,5", 119), null, null, tables.toString(), tmp.resolve("damage").toString(), tmp.resolve("failures").toString(), false));
    // snapshot 2 shows block 3 (event 2 frees it, but it is still allocated there) and 5; nothing is
    // live at 5 (its event frees a block allocated before the log); the last (119) is past the log's end
    PAssert.that(
            replayed.get(ReplayLogFn.KEY_FRAMES)
                .apply("KeyFrameText", MapElements.into(TypeDescriptors.strings())
                    .via(batch -> batch.stream()
                        .map(kv -> kv.getKey() + ":" + java.util.Arrays.toString(kv.getValue().startBlocks())
                            + java.util.Arrays.toString(kv.getValue().allocationIds()))
                        .collect(java.util.stream.Collectors.joining(" ")))))
        // one batch, in snapshot order
        .containsInAnyOrder("2:[3, 5][0, 1] 5:[][] 119:[][]");
    // the hand-made log is not the one of these dumps: no parse damage, but events that disagree
    // with their snapshots are reported (expected/events.csv: block 3 is first allocated at event 2)
    p.run().waitUntilFinish();
    List<String> lines = Files.readAllLines(tmp.resolve("damage").resolve("log").resolve("part-all.txt"));
    assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).contains("the log and ram.bin disagree here"));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("event 0 (log line 1): alloc of block 3, but snapshot 0 shows the block FREE"));
    assertThat(tmp.resolve("damage").resolve("snapshots")).doesNotExist();

    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      assertThat(rows(db, "SELECT event, action, start_block, address, site_function FROM read_parquet('" + tables + "/events/*.parquet') ORDER BY event"))
          .containsExactly(
              "0,alloc,3," + area.blockAddress(3) + ",list_new", "1,alloc,5," + area.blockAddress(5) + ",list_new",
              "2,free,3," + area.blockAddress(3) + ",list_new", "3,realloc,5," + area.blockAddress(5) + ",list_new",
              "4,sweep,5," + area.blockAddress(5) + ",null", "5,free_unknown,9," + area.blockAddress(9) + ",list_new",
              "6,alloc,7," + area.blockAddress(7) + ",list_new");
      // the longest: block 7, alive from event 6 to the end of the 120 snapshots
      assertThat(rows(db, "SELECT site_function, allocations, blocks_allocated, blocks_alive_at_end, longest_lifespan_events"
              + " FROM read_parquet('" + tables + "/call_sites/*.parquet')"))
          .containsExactly("list_new,4,10,4,114");
      assertThat(rows(db, "SELECT allocation_id, start_block, blocks, start_event, end_event, end_cause, site_line"
              + " FROM read_parquet('" + tables + "/lifespans/*.parquet') ORDER BY allocation_id"))
          .containsExactly("0,3,2,0,2,free,477", "1,5,1,1,3,realloc,477", "3,5,3,3,4,sweep,477", "6,7,4,6,null,null,477");
    }
  }

  private static List<String> rows(Connection db, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
      int columns = r.getMetaData().getColumnCount();
      while (r.next()) {
        List<String> values = new ArrayList<>();
        for (int c = 1; c <= columns; c++) {
          values.add(r.getString(c));
        }
        out.add(String.join(",", values));
      }
    }
    return out;
  }

  @Test
  void keyFramesBetweenTwoSnapshots() {
    assertThat(KeyFrames.parse("1000", 2736).between(0, 2737)).containsExactly(0L, 1000L, 2000L, 2736L);
    assertThat(KeyFrames.parse("1000", 2736).between(1, 2000)).containsExactly(1000L);
    assertThat(KeyFrames.parse("1000", 2000).between(1000, 5000)).containsExactly(1000L, 2000L);
    assertThat(KeyFrames.parse("5,17", 2736).between(6, 2737)).containsExactly(17L, 2736L);
    assertThat(KeyFrames.parse("last", 2736).between(0, 2736)).isEmpty();
  }

  @Test
  void keyFramesAreEveryNthAListOrTheLastAndAlwaysTheLast() {
    KeyFrames every = KeyFrames.parse("1000", 2736);
    assertThat(List.of(0L, 1000L, 2000L, 2736L)).allMatch(every::contains);
    assertThat(every.contains(999)).isFalse();
    assertThat(every.count()).isEqualTo(4);
    KeyFrames listed = KeyFrames.parse("5, 17", 2736);
    assertThat(List.of(5L, 17L, 2736L)).allMatch(listed::contains);
    assertThat(listed.contains(6)).isFalse();
    assertThat(listed.count()).isEqualTo(3);
    assertThat(KeyFrames.parse("last", 2736).count()).isEqualTo(1);
  }
}
