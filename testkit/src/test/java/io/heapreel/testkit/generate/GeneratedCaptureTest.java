package io.heapreel.testkit.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.open.Capture;
import io.heapreel.model.capture.ElfSymbols;
import io.heapreel.model.capture.MapFileParser;
import io.heapreel.model.capture.Symbol;
import io.heapreel.model.capture.SymbolTable;
import io.heapreel.model.heap.Allocation;
import io.heapreel.model.heap.HeapArea;
import io.heapreel.model.heap.HeapDecoder;
import io.heapreel.model.heap.HeapGeometry;
import io.heapreel.model.heap.HeapLocation;
import io.heapreel.model.heap.HeapStats;
import io.heapreel.model.testing.RealCaptures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decoder against the generator's own bookkeeping (expected/), on a fresh capture and on the
 * committed sample; plus determinism, the ELF and map the generator writes, and the heap found
 * both by the area-descriptor scan and by the heap symbol.
 */
class GeneratedCaptureTest {
  private static final int HEAP_KIB = 8;
  private static final long SNAPSHOTS = 2500;

  @TempDir static Path temp;
  static Path fresh;

  @BeforeAll
  static void generate() {
    fresh = temp.resolve("fresh");
    new CaptureGenerator(new GeneratorConfig(SNAPSHOTS, HEAP_KIB, 11, 4), (done, total, bytes) -> {}).generate(fresh, false);
  }

  @Test
  void decoderStatsEqualTheSimulatorsOnEverySnapshot() throws IOException {
    assertStatsMatch(fresh, SNAPSHOTS);
  }

  @Test
  void decoderStatsEqualTheCommittedSample() throws IOException {
    Path sample = RealCaptures.checkout().resolve("sample-dumps").resolve("small");
    assertThat(sample.resolve("ram.bin")).exists();
    assertStatsMatch(sample, Files.readAllLines(sample.resolve("expected/stats.csv")).size() - 1);
  }

  @Test
  void decoderStatsEqualTheCommitted64BitSample() throws IOException {
    Path sample = RealCaptures.checkout().resolve("sample-dumps").resolve("small64");
    assertStatsMatch(sample, Files.readAllLines(sample.resolve("expected/stats.csv")).size() - 1);
    try (Capture capture = Capture.open(sample)) {
      assertThat(capture.wordSize()).isEqualTo(8);
      assertThat(capture.wordSizeFound().source()).contains("elf64-littleriscv");
      assertThat(capture.heap().bytesPerBlock()).isEqualTo(32);
      assertThat(capture.heap().method()).isEqualTo(io.heapreel.model.heap.HeapLocation.Method.AREA_DESCRIPTOR);
      // the heap lies below the VM state, whose area descriptor found it
      assertThat(capture.heap().areas().get(0).atbStart()).isLessThan(capture.symbols().find("mp_state_ctx").orElseThrow().address());
    }
  }

  @Test
  void the64BitSampleIsReproducibleByItsCommand() throws IOException {
    Path sample = RealCaptures.checkout().resolve("sample-dumps").resolve("small64");
    String readme = Files.readString(RealCaptures.checkout().resolve("sample-dumps").resolve("README.md"));
    Matcher m = Pattern.compile("generate --out sample-dumps/small64 --snapshots (\\d+) --heap-kib (\\d+) --seed (\\d+) --word-size 8").matcher(readme);
    assertThat(m.find()).as("the README names the command").isTrue();
    Path again = temp.resolve("sample64-again");
    new CaptureGenerator(new GeneratorConfig(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)), 8), (d, t, b) -> {})
        .generate(again, false);
    for (String f : files()) {
      if (!f.equals("firmware.elf")) {
        assertThat(Files.mismatch(sample.resolve(f), again.resolve(f))).as(f).isEqualTo(-1L);
      }
    }
    assertThat(again.resolve("firmware.elf")).doesNotExist();
    assertThat(Files.readString(again.resolve("firmware.map"))).contains("OUTPUT(build-gen/firmware.elf elf64-littleriscv)").contains("0x0000000080000000");
  }

  @Test
  void theSampleIsReproducibleByItsCommand() throws IOException {
    Path sample = RealCaptures.checkout().resolve("sample-dumps").resolve("small");
    String readme = Files.readString(RealCaptures.checkout().resolve("sample-dumps").resolve("README.md"));
    Matcher m = Pattern.compile("generate --out sample-dumps/small --snapshots (\\d+) --heap-kib (\\d+) --seed (\\d+)").matcher(readme);
    assertThat(m.find()).as("the README names the command").isTrue();
    Path again = temp.resolve("sample-again");
    new CaptureGenerator(new GeneratorConfig(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)), 4), (d, t, b) -> {})
        .generate(again, false);
    for (String f : files()) {
      assertThat(Files.mismatch(sample.resolve(f), again.resolve(f))).as(f).isEqualTo(-1L);
    }
  }

  @Test
  void sameSeedSameBytesOtherSeedOtherBytes() throws IOException {
    Path a = temp.resolve("det-a");
    Path b = temp.resolve("det-b");
    Path c = temp.resolve("det-c");
    new CaptureGenerator(new GeneratorConfig(400, 6, 5, 4), (d, t, x) -> {}).generate(a, false);
    new CaptureGenerator(new GeneratorConfig(400, 6, 5, 4), (d, t, x) -> {}).generate(b, false);
    new CaptureGenerator(new GeneratorConfig(400, 6, 6, 4), (d, t, x) -> {}).generate(c, false);
    for (String f : files()) {
      assertThat(Files.mismatch(a.resolve(f), b.resolve(f))).as(f).isEqualTo(-1L);
    }
    assertThat(Files.mismatch(a.resolve("ram.bin"), c.resolve("ram.bin"))).isNotEqualTo(-1L);
    assertThat(Files.mismatch(a.resolve("mylog.txt"), c.resolve("mylog.txt"))).isNotEqualTo(-1L);
  }

  @Test
  void heapIsFoundByTheDescriptorAndAgreesWithTheHeapSymbol() {
    try (Capture capture = Capture.open(fresh)) {
      assertThat(capture.heap().method()).isEqualTo(HeapLocation.Method.AREA_DESCRIPTOR);
      Symbol heap = capture.symbols().require("heap", "test");
      assertThat(heap.size()).isEqualTo(HEAP_KIB * 1024L);
      HeapArea bySymbol = HeapGeometry.area(heap.address(), heap.end(), 4, true, HeapGeometry.Formula.MICROPYTHON);
      assertThat(capture.heap().areas()).containsExactly(bySymbol);
      // the v1.2x layout: one gap byte between the tables, pool at the end of the array
      assertThat(bySymbol.ftbStart()).isEqualTo(bySymbol.atbStart() + bySymbol.atbBytes() + 1);
      assertThat(bySymbol.poolEnd()).isEqualTo(heap.end());
    }
  }

  @Test
  void elfSymbolsHaveTheMapsAddresses() {
    SymbolTable map = MapFileParser.parse(fresh.resolve("firmware.map"));
    ElfSymbols.Result elf = ElfSymbols.read(fresh.resolve("firmware.elf"));
    assertThat(elf.wordSize()).isEqualTo(4);
    for (String name : List.of("_sfixed", "_srelocate", "_estack", "mp_state_ctx", "heap", "mp_qstr_const_pool", "mp_type_type", "mp_type_dict", "gc_alloc", "main")) {
      Symbol fromMap = map.require(name, "test");
      Symbol fromElf = elf.symbols().require(name, "test");
      assertThat(fromElf.address()).as(name).isEqualTo(fromMap.address());
    }
    for (Symbol s : map.all()) {
      elf.symbols().find(s.name()).ifPresent(e -> assertThat(e.address()).as(s.name()).isEqualTo(s.address()));
    }
    assertThat(elf.symbols().require("mp_state_ctx", "test").size()).isEqualTo(684).isEqualTo(map.require("mp_state_ctx", "test").size());
    assertThat(elf.symbols().require("heap", "test").size()).isEqualTo(map.require("heap", "test").size());
  }

  @Test
  void mapParsesLikeTheRealOne() {
    SymbolTable map = MapFileParser.parse(fresh.resolve("firmware.map"));
    assertThat(map.require("_sfixed", "test").address()).isZero();
    assertThat(map.require("_srelocate", "test").address()).isEqualTo(0x20000000L);
    assertThat(map.require("mp_state_ctx", "test").address()).isEqualTo(0x20000010L);
    assertThat(map.require("heap", "test").section()).isEqualTo(".bss.heap");
    assertThat(map.withPrefix("mp_type_")).hasSize(FirmwareLayout.TYPES.length);
    assertThat(map.require("_estack", "test").address() % 0x400).isZero();
  }

  @Test
  void lastSnapshotAllocationsAreTheOraclesObjects() throws IOException {
    String json = Files.readString(fresh.resolve("expected/objects_last.json"));
    Matcher m = Pattern.compile("\\{\"address\":(\\d+),\"block\":(\\d+),\"blocks\":(\\d+)").matcher(json);
    List<String> expected = new ArrayList<>();
    while (m.find()) {
      expected.add(m.group(2) + "+" + m.group(3));
    }
    try (Capture capture = Capture.open(fresh)) {
      List<String> decoded = new ArrayList<>();
      for (Allocation a : capture.decoder().allocations(capture.snapshots().snapshot(capture.snapshots().count() - 1))) {
        decoded.add(a.block() + "+" + a.blocks());
      }
      assertThat(decoded).isEqualTo(expected).isNotEmpty();
    }
  }

  private static List<String> files() {
    return List.of("ram.bin", "mylog.txt", "firmware.map", "firmware.elf", "firmware.bin",
        "expected/stats.csv", "expected/events.csv", "expected/lifespans.csv", "expected/objects_last.json");
  }

  private static void assertStatsMatch(Path folder, long snapshots) throws IOException {
    List<String> expected = Files.readAllLines(folder.resolve("expected/stats.csv"));
    assertThat(expected.get(0)).isEqualTo(OracleStats.HEADER);
    try (Capture capture = Capture.open(folder)) {
      assertThat(capture.snapshots().count()).isEqualTo(snapshots).isEqualTo(expected.size() - 1);
      HeapDecoder decoder = capture.decoder();
      List<String> mismatches = new ArrayList<>();
      for (int i = 0; i < snapshots; i++) {
        HeapStats s = decoder.stats(capture.snapshots().snapshot(i));
        String row = i + "," + s.objects() + "," + s.marked() + "," + s.allocatedBlocks() + "," + s.tailBlocks() + ","
            + s.orphanTailBlocks() + "," + s.freeBlocks() + "," + s.largestFreeBlocks() + "," + s.freeRuns() + "," + s.finaliserBlocks();
        if (!row.equals(expected.get(i + 1))) {
          mismatches.add("decoded " + row + " expected " + expected.get(i + 1));
        }
      }
      assertThat(mismatches).isEmpty();
      // the oracle is not trivially flat: collections and sweeps happened
      assertThat(expected.stream().skip(1).anyMatch(r -> !r.split(",")[2].equals("0"))).as("some snapshot mid-collection").isTrue();
    }
  }
}
