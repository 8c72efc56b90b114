package io.heapreel.cli;

import static io.heapreel.cli.CompressedFixtures.xzBlocks;
import static io.heapreel.cli.CompressedFixtures.zstdFrames;
import static io.heapreel.cli.RunCommandTest.run;
import static io.heapreel.cli.RunCommandTest.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.testing.RealCaptures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same rows in every table as when the digests were recorded: a guard for work on speed, which
 * must not change what the tables hold. Each table is read back by DuckDB (not by heapreel's own
 * code), every row printed as text, the rows sorted (files and row order are free to change) and
 * hashed; the digest file holds row count and SHA-256 per table and capture.
 *
 * <p>A change that means to change rows (a new column, a fixed value) updates
 * {@code table-digests.txt} with the lines this test prints on failure, and says so in its commit.
 */
class TableDigestTest {
  private static final Path DIGESTS = Path.of("src/test/resources/table-digests.txt");
  /** Columns that name where the run read its input: they differ from checkout to checkout. */
  private static final String EXCLUDED_CAPTURE_COLUMNS = "ram_file, log_file, symbols_file, rom_file";

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"dev", "small", "small64"})
  void everyTableHoldsTheRecordedRows(String capture) throws Exception {
    Path folder = capture.equals("dev") ? RealCaptures.dev() : RealCaptures.checkout().resolve("sample-dumps").resolve(capture);
    List<String> digests = digests(capture, folder);
    assertThat(digests)
        .as("rows per table of %s (row count and SHA-256 of the sorted rows); now:%n%s", capture, String.join("\n", digests))
        .containsExactlyElementsOf(recorded(capture));
  }

  /**
   * The small capture with its ram.bin packed (xz blocks, zstd frames without a seek table, 8
   * snapshots each, so that runs of blocks go to several workers and the replay steps back across
   * block boundaries): the rows recorded from ram.bin, in every table.
   */
  @ParameterizedTest
  @ValueSource(strings = {"xz", "zst"})
  void aPackedCaptureHoldsTheRowsOfItsRamBin(String format) throws Exception {
    Path small = RealCaptures.checkout().resolve("sample-dumps").resolve("small");
    Path folder = Files.createDirectories(tmp.resolve("packed-" + format));
    for (String f : new String[] {"firmware.elf", "firmware.bin", "firmware.map", "mylog.txt"}) {
      Files.createSymbolicLink(folder.resolve(f), small.resolve(f).toAbsolutePath());
    }
    byte[] ram = Files.readAllBytes(small.resolve("ram.bin"));
    int block = 8 * 12288; // the small capture's span
    Files.write(folder.resolve("ram.bin." + format), format.equals("xz") ? xzBlocks(ram, block) : zstdFrames(ram, CompressedFixtures.evenly(ram.length, block)));
    assertThat(digests("small", folder)).containsExactlyElementsOf(recorded("small"));
  }



  private static List<String> recorded(String capture) throws IOException {
    return Files.readAllLines(DIGESTS).stream().filter(l -> l.startsWith(capture + " ")).toList();
  }

  /** A line per table of a run on {@code folder}: CAPTURE TABLE ROWS SHA-256. */
  private List<String> digests(String capture, Path folder) throws Exception {
    Path out = tmp.resolve("out-" + folder.getFileName());
    assertThat(run("--capture", folder.toString(), "--out", out.toString(), "--no-report")).isZero();
    List<String> digests = new ArrayList<>();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Stream<Path> tables = Files.list(out.resolve("tables"))) {
      for (Path t : tables.sorted().toList()) {
        String name = t.getFileName().toString();
        String columns = name.equals("capture") ? "* EXCLUDE (" + EXCLUDED_CAPTURE_COLUMNS + ")" : "*";
        digests.add(capture + " " + name + " " + digest(db, "SELECT " + columns + " FROM " + table(out, name)));
      }
    }
    return digests;
  }

  /** Row count and SHA-256 of the rows as text, sorted. */
  private static String digest(Connection db, String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
      int columns = r.getMetaData().getColumnCount();
      while (r.next()) {
        StringBuilder row = new StringBuilder();
        for (int c = 1; c <= columns; c++) {
          row.append(c > 1 ? "\u0001" : "").append(r.getString(c));
        }
        rows.add(row.toString());
      }
    }
    rows.sort(null);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (String row : rows) {
      sha.update(row.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
    }
    return rows.size() + " " + HexFormat.of().formatHex(sha.digest());
  }
}
