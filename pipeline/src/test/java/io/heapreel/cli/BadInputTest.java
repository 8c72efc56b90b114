package io.heapreel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input ends in one line on stderr naming the file, exit code 2, no stack trace. */
class BadInputTest {
  private static final String MAP_HEADER = "Linker script and memory map\n\n";
  private static final String RAM_SYMBOLS =
      """
                      0x20000000                        _srelocate = ORIGIN (RAM)
                      0x20001000                        _estack = (ORIGIN (RAM) + LENGTH (RAM))
      """;

  @TempDir Path dir;

  private Path capture(String map, byte[] ram) throws IOException {
    Files.writeString(dir.resolve("firmware.map"), map);
    Files.write(dir.resolve("ram.bin"), ram);
    return dir;
  }

  private static void assertUserError(CliRun run, String... fragments) {
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).startsWith("heapreel: ").doesNotContain("Exception").doesNotContain("\tat ");
    for (String f : fragments) {
      assertThat(run.err()).contains(f);
    }
    assertThat(run.out()).isEmpty();
  }

  @Test
  void siteRolesFileWithAnUnknownRole() throws IOException {
    Path sites = dir.resolve("my.sites");
    Files.writeString(sites, "# mine\nparser_alloc parse_tree\n");
    Path small = io.heapreel.model.testing.RealCaptures.checkout().resolve("sample-dumps").resolve("small");
    assertUserError(CliRun.of("run", "--capture", small.toString(), "--out", dir.resolve("out").toString(), "--site-roles", sites.toString()),
        "my.sites:2", "unknown role 'parse_tree'");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void missingCaptureFolder() {
    assertUserError(CliRun.of("stats", "--capture", dir.resolve("nowhere").toString()), "nowhere", "no such capture folder");
  }

  @Test
  void missingRamDumps() throws IOException {
    Files.writeString(dir.resolve("firmware.map"), MAP_HEADER + RAM_SYMBOLS);
    assertUserError(CliRun.of("stats", "--capture", dir.toString()), "ram.bin", "--ram");
  }

  @Test
  void emptyRamDumps() throws IOException {
    capture(MAP_HEADER + RAM_SYMBOLS, new byte[0]);
    assertUserError(CliRun.of("stats", "--capture", dir.toString()), "ram.bin", "empty");
  }

  @Test
  void ramDumpsShorterThanOneSpan() throws IOException {
    capture(MAP_HEADER + RAM_SYMBOLS, new byte[1000]);
    assertUserError(CliRun.of("stats", "--capture", dir.toString()), "ram.bin: 1000 bytes is shorter than one snapshot");
  }

  @Test
  void mapWithoutTheRamSymbols() throws IOException {
    capture(MAP_HEADER + "                0x20000000                        _sdata = .\n", new byte[4096]);
    assertUserError(CliRun.of("stats", "--capture", dir.toString()), "firmware.map", "_srelocate", "--ram-start");
  }

  @Test
  void unparsableMap() throws IOException {
    capture("this is no map file\n", new byte[4096]);
    assertUserError(CliRun.of("inspect", "--capture", dir.toString()), "firmware.map: not a GNU ld map file");
  }

  @Test
  void noHeapFound() throws IOException {
    capture(MAP_HEADER + RAM_SYMBOLS, new byte[8192]);
    assertUserError(CliRun.of("stats", "--capture", dir.toString()), "no heap found", "--heap-area");
  }

  @Test
  void aBadHeapAreaOption() throws IOException {
    capture(MAP_HEADER + RAM_SYMBOLS, new byte[8192]);
    assertUserError(CliRun.of("stats", "--capture", dir.toString(), "--heap-area", "0x20000100"), "--heap-area", "START,END");
  }

  @Test
  void aBlockSizeThatIsNoPowerOfTwo() throws IOException {
    capture(MAP_HEADER + RAM_SYMBOLS, new byte[8192]);
    assertUserError(CliRun.of("stats", "--capture", dir.toString(), "--block-size", "24"), "--block-size", "power of two");
  }

  /** sample-dumps/mps2-an385-configs: 32-byte blocks and a weakref table, which the descriptor in its dumps says. */
  private static final Path CONFIGS = io.heapreel.model.testing.RealCaptures.checkout().resolve("sample-dumps").resolve("mps2-an385-configs");

  @Test
  void aHeapAreaTheCollectorsDescriptorDoesNotDescribe() {
    assertUserError(CliRun.of("stats", "--capture", CONFIGS.toString(), "--heap-area", "0x21001000,0x21008320"),
        "--heap-area 0x21001000,0x21008320 is not an area the collector set up", "pool 0x210005a0..0x21008320");
  }

  @Test
  void aHeapAreaTheDescriptorDescribesIsLaidOutByIt() {
    CliRun found = CliRun.of("stats", "--capture", CONFIGS.toString());
    CliRun given = CliRun.of("stats", "--capture", CONFIGS.toString(), "--heap-area", "0x2100032c,0x21008320");
    assertThat(given.exitCode()).isZero();
    // 1,004 blocks of 32 bytes; the formula at 16-byte blocks would count 2,000
    assertThat(given.out()).isEqualTo(found.out()).contains("\n0,1,0,1,0,0,1003,1003,1,0\n");
  }

  @Test
  void debugShowsTheStackTrace() throws IOException {
    capture(MAP_HEADER + RAM_SYMBOLS, new byte[8192]);
    CliRun run = CliRun.of("stats", "--capture", dir.toString(), "--debug");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no heap found").contains("\tat ");
  }

  @Test
  void aPartialTrailingSnapshotIsReportedAndIgnored() throws IOException {
    // two whole snapshots of 4 KiB with an area descriptor, then 100 stray bytes
    ByteBuffer ram = ByteBuffer.allocate(2 * 4096 + 100).order(ByteOrder.LITTLE_ENDIAN);
    for (int s = 0; s < 2; s++) {
      int base = s * 4096;
      // heap 0x20000200..0x20001000: 3584 bytes -> (3583*8)/524 = 54 table bytes, 216 blocks
      ram.putInt(base + 0x40, 0x20000200).putInt(base + 0x44, 54).putInt(base + 0x48, 0x20000200 + 55)
          .putInt(base + 0x4c, 0x20001000 - 216 * 16).putInt(base + 0x50, 0x20001000);
      ram.put(base + 0x200, (byte) 0b1001); // block 0 head, block 1 tail
    }
    capture(MAP_HEADER + RAM_SYMBOLS, ram.array());
    CliRun run = CliRun.of("stats", "--capture", dir.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("ram.bin: partial trailing snapshot of 100 bytes at offset 8192 ignored");
    assertThat(run.out().lines())
        .containsExactly(
            StatsCommand.HEADER,
            "0,1,0,2,1,0,214,214,1,0",
            "1,1,0,2,1,0,214,214,1,0");
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : Heapreel.commandLine().getSubcommands().keySet()) {
      CliRun run = CliRun.of(command, "--help");
      assertThat(run.exitCode()).as(command).isZero();
      assertThat(run.out()).as(command).contains("Usage:");
    }
  }

  @Test
  void aWordSizeTheHeapGeometryDoesNotFitGivesNoFigures() {
    Path sample = io.heapreel.model.testing.RealCaptures.checkout().resolve("sample-dumps").resolve("small");
    assertUserError(
        CliRun.of("stats", "--capture", sample.toString(), "--word-size", "8"),
        "does not fit 8-byte words", "32-bit descriptor", "--word-size 4");
  }

  @Test
  void inspectSaysWhereTheWordSizeCameFrom() {
    Path sample = io.heapreel.model.testing.RealCaptures.checkout().resolve("sample-dumps").resolve("small");
    CliRun run = CliRun.of("inspect", "--capture", sample.toString(), "--snapshot", "0", "--largest", "1");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("word size 4 bytes (from the ELF class of firmware.elf (32-bit))");
    assertThat(run.err()).doesNotContain("word size");
  }
}
