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

/** The same pipeline on Flink's embedded local cluster finds the same rows as on the DirectRunner. */
class FlinkRunTest {
  @TempDir Path tmp;

  @Test
  void flinkLocalClusterWritesTheSameRowsAsTheDirectRunner() throws Exception {
    Path capture = firstSnapshots(RealCaptures.dev(), 300, 0, tmp);
    Path direct = tmp.resolve("direct");
    Path flink = tmp.resolve("flink");
    assertThat(run("--capture", capture.toString(), "--out", direct.toString(), "--key-frames", "100")).isZero();
    assertThat(run("--capture", capture.toString(), "--out", flink.toString(), "--key-frames", "100",
            "--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2"))
        .isZero();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      for (String t : new String[] {"snapshots", "objects", "references", "roots", "events", "lifespans", "call_sites"}) {
        String count = csvRows(db, "SELECT count(*) FROM " + table(direct, t)).get(0);
        assertThat(Long.parseLong(count)).as(t).isPositive();
        assertThat(csvRows(db, "SELECT count(*) FROM " + table(flink, t))).as(t).containsExactly(count);
        assertThat(csvRows(db, "SELECT count(*) FROM (SELECT * FROM " + table(direct, t) + " EXCEPT ALL SELECT * FROM " + table(flink, t) + ")"))
            .as(t + " rows only the DirectRunner wrote")
            .containsExactly("0");
      }
    }
  }
}
