package io.heapreel.cli;

import static io.heapreel.cli.RunCommandTest.csvRows;
import static io.heapreel.cli.RunCommandTest.firstSnapshots;
import static io.heapreel.cli.RunCommandTest.run;
import static io.heapreel.cli.RunCommandTest.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.testing.RealCaptures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same pipeline on Flink's embedded local cluster finds the same rows as on the DirectRunner
 * with ram.bin mapped. The Flink run reads the RAM dumps by byte ranges through Beam's filesystems
 * (a file:// URI: the path a cluster without a shared disk takes), packed in zstd frames; a third
 * run reads the plain ram.bin by the same range reads.
 */
class FlinkRunTest {
  @TempDir Path tmp;

  @Test
  void flinkLocalClusterWritesTheSameRowsAsTheDirectRunner() throws Exception {
    Path capture = firstSnapshots(RealCaptures.dev(), 300, 0, tmp);
    Path packed = tmp.resolve("ram.bin.zst");
    CliRun pack = CliRun.of("pack", "--capture", capture.toString(), "--format", "zst", "--out", packed.toString());
    assertThat(pack.exitCode()).as(pack.err()).isZero();
    Path direct = tmp.resolve("direct");
    Path flink = tmp.resolve("flink");
    Path ranges = tmp.resolve("ranges");
    assertThat(run("--capture", capture.toString(), "--out", direct.toString(), "--key-frames", "100")).isZero();
    assertThat(run("--capture", capture.toString(), "--ram", packed.toUri().toString(), "--out", flink.toString(), "--key-frames", "100",
            "--snapshotsPerSplit=50", "--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2"))
        .isZero();
    // the plain file through the same range reads, on the DirectRunner
    assertThat(run("--capture", capture.toString(), "--ram", capture.resolve("ram.bin").toUri().toString(), "--out", ranges.toString(),
            "--key-frames", "100"))
        .isZero();
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(flink.resolve("run.json").toFile()).at("/inputs/ram/path").asText())
        .isEqualTo(packed.toUri().toString());
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      for (Path other : new Path[] {flink, ranges}) {
        for (String t : new String[] {"snapshots", "objects", "references", "roots", "events", "lifespans", "call_sites"}) {
          String count = csvRows(db, "SELECT count(*) FROM " + table(direct, t)).get(0);
          assertThat(Long.parseLong(count)).as(t).isPositive();
          assertThat(csvRows(db, "SELECT count(*) FROM " + table(other, t))).as(other + " " + t).containsExactly(count);
          assertThat(csvRows(db, "SELECT count(*) FROM (SELECT * FROM " + table(direct, t) + " EXCEPT ALL SELECT * FROM " + table(other, t) + ")"))
              .as(other + " " + t + " rows only the mapped run wrote")
              .containsExactly("0");
        }
      }
    }
  }
}
