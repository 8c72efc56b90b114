package io.heapreel.testkit.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.open.Capture;
import io.heapreel.model.capture.CaptureFiles;
import io.heapreel.model.open.CaptureSpec;
import io.heapreel.model.capture.Memory;
import io.heapreel.model.capture.RomImage;
import io.heapreel.model.capture.Symbol;
import io.heapreel.model.heap.HeapLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated files read back by format: the log's records, the ROM objects, the qstr pools. */
class GeneratedFormatTest {
  private static final long SNAPSHOTS = 900;

  @TempDir static Path temp;
  static Path capture;

  @BeforeAll
  static void generate() {
    capture = temp.resolve("cap");
    new CaptureGenerator(new GeneratorConfig(SNAPSHOTS, 6, 21, 4), (d, t, b) -> {}).generate(capture, false);
  }

  @Test
  void logHasOneRecordPerEventWithCountingValueNumbers() throws IOException {
    String log = Files.readString(capture.resolve("mylog.txt"));
    List<String> events = Files.readAllLines(capture.resolve("expected/events.csv"));
    assertThat(log).startsWith("Breakpoint 1 at 0x").contains("\nBreakpoint 2 at 0x");
    assertThat(log.split("\n", 4)[2]).isEmpty();
    Pattern record =
        Pattern.compile("Breakpoint 1, gc_log_change \\(start_block=(\\d+), length=(\\d+)\\) at \\.\\./\\.\\./py/gc\\.c:147\n147\t[^\n]*\n#0  gc_log_change [^\n]*\n((?:#\\d+ +[^\n]*\n)+)\\$(\\d+) = 0x([0-9a-f]+)\n\\$(\\d+) = 0x([0-9a-f]+)\n\n");
    Matcher m = record.matcher(log);
    int n = 0;
    while (m.find()) {
      String[] e = events.get(n + 1).split(",");
      assertThat(m.group(1)).isEqualTo(e[2]);
      assertThat(m.group(2)).isEqualTo(e[3]);
      assertThat(Long.parseLong(m.group(4))).isEqualTo(2L * n + 1);
      assertThat(Long.parseLong(m.group(5), 16)).isEqualTo(Long.parseLong(e[2]));
      assertThat(Long.parseLong(m.group(6))).isEqualTo(2L * n + 2);
      assertThat(Long.parseLong(m.group(7), 16)).isEqualTo(Long.parseLong(e[3]));
      String frame1 = m.group(3).split("\n")[0];
      String expectedCaller = switch (e[1]) {
        case "alloc" -> " in gc_alloc (";
        case "free" -> " in gc_free (";
        case "realloc" -> " in gc_realloc (";
        default -> " in gc_sweep_free_blocks (";
      };
      assertThat(frame1).startsWith("#1  0x").contains(expectedCaller);
      assertThat(m.group(3)).contains(" in main (argc=<optimized out>, argv=<optimized out>) at main.c:");
      n++;
    }
    assertThat(n).isEqualTo(SNAPSHOTS);
    assertThat(log).endsWith("Breakpoint 2, main (argc=<optimized out>, argv=<optimized out>) at main.c:84\n"
        + "84\t            if (pyexec_mode_kind == PYEXEC_MODE_RAW_REPL) {\n[Inferior 1 (process 1) killed]\n");
  }

  @Test
  void romTypeObjectsAndQstrPoolAreInTheV128Layout() {
    try (Capture c = Capture.open(capture)) {
      RomImage rom = c.rom().orElseThrow();
      long typeType = c.symbols().require("mp_type_type", "test").address();
      long pool = c.symbols().require("mp_qstr_const_pool", "test").address();
      for (Symbol t : c.symbols().withPrefix("mp_type_")) {
        assertThat(rom.u32(t.address())).as(t.name()).isEqualTo(typeType);
        String name = qstr(rom, pool, rom.u16(t.address() + 6));
        assertThat(name).as(t.name()).isNotEmpty();
      }
      assertThat(qstr(rom, pool, rom.u16(c.symbols().require("mp_type_dict", "test").address() + 6))).isEqualTo("dict");
      assertThat(rom.u32(pool)).as("prev of the first pool").isZero();
      long len = rom.u32(pool + 12);
      long lengths = rom.u32(pool + 20);
      for (int q = 2; q < len; q++) {
        assertThat(qstr(rom, pool, q).getBytes(StandardCharsets.UTF_8).length).isEqualTo(rom.u8(lengths + q));
      }
    }
  }

  @Test
  void ramQstrPoolsChainBackToTheRomPool() {
    try (Capture c = Capture.open(capture)) {
      Memory last = c.snapshots().snapshot(c.snapshots().count() - 1);
      RomImage rom = c.rom().orElseThrow();
      long state = c.symbols().require("mp_state_ctx", "test").address();
      long romPool = c.symbols().require("mp_qstr_const_pool", "test").address();
      long pool = last.u32(state + 36);
      int ramPools = 0;
      long total = -1;
      while (pool != romPool) {
        assertThat(c.heap().areas().get(0).inPool(pool)).isTrue();
        long prevTotal = last.u32(pool + 4) & 0x7fffffffL;
        if (total >= 0) {
          assertThat(prevTotal + last.u32(pool + 12)).isEqualTo(total);
        }
        total = prevTotal;
        for (int i = 0; i < last.u32(pool + 12); i++) {
          long s = last.u32(pool + 24 + 4L * i);
          int length = last.u8(last.u32(pool + 20) + i);
          assertThat(last.u8(s + length)).as("NUL after the qstr").isZero();
        }
        pool = last.u32(pool);
        ramPools++;
      }
      assertThat(ramPools).isPositive();
      assertThat(total).isEqualTo(rom.u32(romPool + 12));
    }
  }

  @Test
  void opensWithTheMapAloneAndFindsTheSameHeap() throws IOException {
    Path mapOnly = temp.resolve("map-only");
    Files.createDirectories(mapOnly);
    for (String f : List.of("ram.bin", "mylog.txt", "firmware.map")) {
      Files.createSymbolicLink(mapOnly.resolve(f), capture.resolve(f));
    }
    try (Capture withMap = Capture.open(mapOnly);
        Capture withElf = Capture.open(CaptureSpec.of(CaptureFiles.inFolder(capture)))) {
      assertThat(withMap.files().elf()).isNull();
      assertThat(withMap.heap().method()).isEqualTo(HeapLocation.Method.AREA_DESCRIPTOR);
      assertThat(withMap.heap().areas()).isEqualTo(withElf.heap().areas());
      assertThat(withMap.ram()).isEqualTo(withElf.ram());
      assertThat(withMap.types().size()).isEqualTo(withElf.types().size()).isEqualTo(FirmwareLayout.TYPES.length);
    }
  }

  private static String qstr(RomImage rom, long pool, int q) {
    long p = rom.u32(pool + 24 + 4L * q);
    StringBuilder s = new StringBuilder();
    while (rom.u8(p) != 0) {
      s.append((char) rom.u8(p++));
    }
    return s.toString();
  }
}
