package io.heapreel.cli;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs one command line in-process under a timeout, with everything it prints (picocli's writers
 * and System.out / System.err, which lifespans and run use), and digests what it wrote so that
 * two runs can be compared.
 */
final class CorpusProbe {
  static final Duration TIMEOUT = Duration.ofSeconds(90);

  /** What one command did: exit code, stdout, stderr. */
  record Result(int exit, String out, String err) {
    String all() {
      return out + err;
    }
  }

  private CorpusProbe() {}

  static synchronized Result run(List<String> args) {
    return assertTimeoutPreemptively(TIMEOUT, () -> {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      ByteArrayOutputStream sysOut = new ByteArrayOutputStream();
      ByteArrayOutputStream sysErr = new ByteArrayOutputStream();
      PrintStream oldOut = System.out;
      PrintStream oldErr = System.err;
      System.setOut(new PrintStream(sysOut, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(sysErr, true, StandardCharsets.UTF_8));
      int exit;
      try {
        var cli = Heapreel.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        exit = cli.execute(args.toArray(String[]::new));
      } finally {
        System.out.flush();
        System.err.flush();
        System.setOut(oldOut);
        System.setErr(oldErr);
      }
      return new Result(exit, out + sysOut.toString(StandardCharsets.UTF_8), err + sysErr.toString(StandardCharsets.UTF_8));
    }, () -> "hangs: heapreel " + String.join(" ", args));
  }

  /** SHA-256 of the files of a folder (names and bytes, in name order), or "none". */
  static String folderDigest(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return "none";
    }
    MessageDigest md = sha256();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        md.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
        md.update(Files.readAllBytes(f));
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  static String fileDigest(Path file) throws IOException {
    return Files.isRegularFile(file) ? HexFormat.of().formatHex(sha256().digest(Files.readAllBytes(file))) : "none";
  }

  /** Per table of a published run: rows and a digest of all rows (the capture's path as CAPTURE), in a fixed order. */
  static List<String> tableDigests(Path out, Path capture) throws SQLException, IOException {
    List<String> digests = new ArrayList<>();
    Path tables = out.resolve("tables");
    if (!Files.isDirectory(tables)) {
      return digests;
    }
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Stream<Path> folders = Files.list(tables)) {
      for (Path t : folders.sorted().toList()) {
        boolean any;
        try (Stream<Path> files = Files.list(t)) {
          any = files.anyMatch(f -> f.toString().endsWith(".parquet"));
        }
        if (!any) {
          digests.add(t.getFileName() + ": empty");
          continue;
        }
        String sql = "SELECT count(*), md5(string_agg(x, '|' ORDER BY x)) FROM (SELECT replace(t::VARCHAR, '"
            + capture.toAbsolutePath() + "', 'CAPTURE') AS x FROM read_parquet('" + t.resolve("*.parquet") + "') t)";
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
          rs.next();
          digests.add(t.getFileName() + ": " + rs.getLong(1) + " " + rs.getString(2));
        }
      }
    }
    return digests;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
