package io.heapreel.cli;

import static io.heapreel.cli.RunCommandTest.csvRows;
import static io.heapreel.cli.RunCommandTest.firstSnapshots;
import static io.heapreel.cli.RunCommandTest.run;
import static io.heapreel.cli.RunCommandTest.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.testing.RealCaptures;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same pipeline on Flink's embedded local cluster finds the same rows as on the DirectRunner
 * with ram.bin mapped. The Flink run reads the RAM dumps, packed in xz blocks, from a real HDFS
 * (Hadoop's MiniDFSCluster: a NameNode and a DataNode in this JVM, spoken to over their RPC ports)
 * by byte ranges through Beam's Hadoop filesystem: the path a cluster without a shared disk takes.
 * A third run reads the plain ram.bin by range reads through Beam's local filesystem (a file:// URI).
 */
class FlinkRunTest {
  @TempDir Path tmp;

  @Test
  void flinkReadingFromHdfsWritesTheSameRowsAsTheDirectRunner() throws Exception {
    Path capture = firstSnapshots(RealCaptures.dev(), 300, 0, tmp);
    Path packed = tmp.resolve("ram.bin.xz");
    CliRun pack = CliRun.of("pack", "--capture", capture.toString(), "--format", "xz", "--out", packed.toString());
    assertThat(pack.exitCode()).as(pack.err()).isZero();
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("hdfs").toString());
    long started = System.nanoTime();
    MiniDFSCluster hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    try {
      hdfs.waitActive();
      System.err.printf("FlinkRunTest: MiniDFSCluster up in %.1f s%n", (System.nanoTime() - started) / 1e9);
      String namenode = "hdfs://localhost:" + hdfs.getNameNodePort();
      try (FileSystem fs = FileSystem.newInstance(URI.create(namenode), conf)) {
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(packed.toUri()), new org.apache.hadoop.fs.Path("/captures/dev/ram.bin.xz"));
      }
      String onHdfs = namenode + "/captures/dev/ram.bin.xz";
      Path direct = tmp.resolve("direct");
      Path flink = tmp.resolve("flink");
      Path ranges = tmp.resolve("ranges");
      assertThat(run("--capture", capture.toString(), "--out", direct.toString(), "--key-frames", "100")).isZero();
      assertThat(run("--capture", capture.toString(), "--ram", onHdfs, "--out", flink.toString(), "--key-frames", "100",
              "--snapshotsPerSplit=50", "--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2",
              "--hdfsConfiguration=[{\"fs.defaultFS\":\"" + namenode + "\"}]"))
          .isZero();
      // the plain file through the same range reads, on the DirectRunner
      assertThat(run("--capture", capture.toString(), "--ram", capture.resolve("ram.bin").toUri().toString(), "--out", ranges.toString(),
              "--key-frames", "100"))
          .isZero();
      assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(flink.resolve("run.json").toFile()).at("/inputs/ram/path").asText())
          .isEqualTo(onHdfs);
      try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
        for (Path other : new Path[] {flink, ranges}) {
          for (String t : new String[] {"snapshots", "objects", "references", "roots", "events", "lifespans", "call_sites", "call_tree"}) {
            String count = csvRows(db, "SELECT count(*) FROM " + table(direct, t)).get(0);
            assertThat(Long.parseLong(count)).as(t).isPositive();
            assertThat(csvRows(db, "SELECT count(*) FROM " + table(other, t))).as(other + " " + t).containsExactly(count);
            assertThat(csvRows(db, "SELECT count(*) FROM (SELECT * FROM " + table(direct, t) + " EXCEPT ALL SELECT * FROM " + table(other, t) + ")"))
                .as(other + " " + t + " rows only the mapped run wrote")
                .containsExactly("0");
          }
        }
      }
    } finally {
      hdfs.shutdown();
    }
  }
}
