package io.heapreel.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Hostile inputs made from {@code sample-dumps/small} at test time (nothing of them is committed):
 * broken capture folders, and bad arguments against the clean one. Every command must notice every
 * case that changes its output: none is exempt.
 */
final class HostileCorpus {
  /** Bytes of one dump of the small capture (its _srelocate.._estack). */
  static final int SPAN = 12288;
  /** The small capture's allocation table, 0x200002c0, as an offset into a dump (62 bytes). */
  static final int ATB = 0x2c0;
  static final int ATB_BYTES = 62;
  static final int SNAPSHOTS = 120;

  /** How a case changes a fresh copy of the capture folder. */
  interface Mutation {
    void apply(Path capture) throws IOException;
  }

  /**
   * @param only the single command (with its arguments, CAPTURE and OUT as placeholders) the case
   *     runs, or null for every command over the broken folder
   * @param exit the exit code an argument case must give, or null (any documented one)
   */
  record Case(String name, Mutation mutation, List<String> only, Integer exit) {
    @Override
    public String toString() {
      return name;
    }
  }

  private final List<Case> cases = new ArrayList<>();

  private HostileCorpus() {}

  static List<Case> all() {
    HostileCorpus c = new HostileCorpus();
    c.files();
    c.ram();
    c.log();
    c.symbols();
    c.arguments();
    return List.copyOf(c.cases);
  }

  private void add(String name, Mutation m) {
    cases.add(new Case(name, m, null, null));
  }

  /** A bad argument: refused with exit code 2. */
  private void args(String name, String... args) {
    cases.add(new Case(name, dir -> { }, List.of(args), 2));
  }

  /** An argument that is accepted (exit code 0). */
  private void accepted(String name, String... args) {
    cases.add(new Case(name, dir -> { }, List.of(args), 0));
  }

  private void argsOn(String name, Mutation m, String... args) {
    cases.add(new Case(name, m, List.of(args), 2));
  }

  /** Files that are there but are no regular file, or are not there at all. */
  private void files() {
    for (String f : List.of("ram.bin", "mylog.txt", "firmware.map", "firmware.elf", "firmware.bin")) {
      String n = f.replace('.', '-');
      add(n + "-is-a-directory", dir -> {
        Files.delete(dir.resolve(f));
        Files.createDirectory(dir.resolve(f));
      });
      add(n + "-is-dev-zero", dir -> {
        Files.delete(dir.resolve(f));
        Files.createSymbolicLink(dir.resolve(f), Path.of("/dev/zero"));
      });
    }
    add("ram-is-a-fifo", dir -> fifo(dir.resolve("ram.bin")));
    add("log-is-a-fifo", dir -> fifo(dir.resolve("mylog.txt")));
    add("map-is-a-fifo", dir -> {
      Files.delete(dir.resolve("firmware.elf"));
      fifo(dir.resolve("firmware.map"));
    });
    add("ram-missing", dir -> Files.delete(dir.resolve("ram.bin")));
    add("ram-empty", dir -> Files.write(dir.resolve("ram.bin"), new byte[0]));
    add("log-empty", dir -> Files.write(dir.resolve("mylog.txt"), new byte[0]));
    add("symbols-missing", dir -> {
      Files.delete(dir.resolve("firmware.elf"));
      Files.delete(dir.resolve("firmware.map"));
    });
    add("log-missing", dir -> Files.delete(dir.resolve("mylog.txt")));
  }

  private void ram() {
    add("ram-shorter-than-one-dump", dir -> Files.write(dir.resolve("ram.bin"), new byte[1000]));
    add("ram-partial-trailing-dump", dir -> appendTo(dir.resolve("ram.bin"), new byte[100]));
    add("ram-half-the-dumps", dir -> truncate(dir.resolve("ram.bin"), 60L * SPAN));
    add("ram-all-zero", dir -> Files.write(dir.resolve("ram.bin"), new byte[SNAPSHOTS * SPAN]));
    add("ram-all-ff", dir -> Files.write(dir.resolve("ram.bin"), filled(SNAPSHOTS * SPAN, (byte) 0xff)));
    add("ram-random", dir -> Files.write(dir.resolve("ram.bin"), random(SNAPSHOTS * SPAN, 1)));
    add("table-all-ff-in-one-dump", dir -> ramAt(dir, 50 * SPAN + ATB, filled(ATB_BYTES, (byte) 0xff)));
    add("table-random-in-one-dump", dir -> ramAt(dir, 50 * SPAN + ATB, random(ATB_BYTES, 2)));
    add("table-random-in-ten-dumps", dir -> {
      for (int s = 30; s < 40; s++) {
        ramAt(dir, s * SPAN + ATB, random(ATB_BYTES, s));
      }
    });
    add("one-dump-all-zero", dir -> ramAt(dir, 50 * SPAN, new byte[SPAN]));
    add("one-dump-random", dir -> ramAt(dir, 50 * SPAN, random(SPAN, 3)));
    add("two-dumps-swapped", dir -> {
      byte[] ram = Files.readAllBytes(dir.resolve("ram.bin"));
      byte[] a = java.util.Arrays.copyOfRange(ram, 50 * SPAN, 51 * SPAN);
      System.arraycopy(ram, 80 * SPAN, ram, 50 * SPAN, SPAN);
      System.arraycopy(a, 0, ram, 80 * SPAN, SPAN);
      Files.write(dir.resolve("ram.bin"), ram);
    });
    add("one-dump-dropped", dir -> {
      byte[] ram = Files.readAllBytes(dir.resolve("ram.bin"));
      byte[] out = new byte[ram.length - SPAN];
      System.arraycopy(ram, 0, out, 0, 50 * SPAN);
      System.arraycopy(ram, 51 * SPAN, out, 50 * SPAN, ram.length - 51 * SPAN);
      Files.write(dir.resolve("ram.bin"), out);
    });
    add("ram-of-other-size-appended", dir -> appendTo(dir.resolve("ram.bin"), random(SPAN / 3, 4)));
  }

  private void log() {
    add("log-crlf", dir -> editLog(dir, s -> s.replace("\n", "\r\n")));
    add("log-binary-garbage-lines", dir -> editLogBytes(dir, b -> insert(b, nth(b, "\nBreakpoint 1,", 30), random(300, 5))));
    add("log-record-lost-to-nul-bytes", dir -> editLogBytes(dir, b -> {
      int at = nth(b, "\nBreakpoint 1,", 40) + 1;
      byte[] out = b.clone();
      java.util.Arrays.fill(out, at, at + 40, (byte) 0);
      return out;
    }));
    add("log-nul-bytes-across-two-records", dir -> editLogBytes(dir, b -> {
      int at = nth(b, "\nBreakpoint 1,", 60) - 80;
      byte[] out = b.clone();
      java.util.Arrays.fill(out, at, at + 200, (byte) 0);
      return out;
    }));
    add("log-cut-mid-record", dir -> editLogBytes(dir, b -> java.util.Arrays.copyOf(b, nth(b, "\nBreakpoint 1,", 70) + 120)));
    add("log-half-the-records", dir -> editLogBytes(dir, b -> java.util.Arrays.copyOf(b, nth(b, "\nBreakpoint 1,", 60) + 1)));
    add("log-two-records-swapped", dir -> editRecords(dir, r -> java.util.Collections.swap(r, 41, 42)));
    add("log-record-duplicated", dir -> editRecords(dir, r -> r.add(41, r.get(41))));
    add("log-record-deleted", dir -> editRecords(dir, r -> r.remove(41)));
    add("log-record-deleted-values-renumbered", dir -> {
      editRecords(dir, r -> r.remove(41));
      renumberValues(dir);
    });
    add("log-records-reversed-block", dir -> editRecords(dir, r -> java.util.Collections.reverse(r.subList(70, 80))));
    add("log-start-block-4000000000", dir -> editRecordAt(dir, 20, s -> s.replaceAll("start_block=\\d+", "start_block=4000000000")
        .replaceFirst("\\$(\\d+) = 0x[0-9a-f]+", "\\$$1 = 4000000000")));
    add("log-start-block-past-the-heap", dir -> editRecordAt(dir, 20, s -> s.replaceAll("start_block=\\d+", "start_block=5000")
        .replaceFirst("\\$(\\d+) = 0x[0-9a-f]+", "\\$$1 = 0x1388")));
    add("log-length-negative", dir -> editRecordAt(dir, 25, s -> s.replaceAll("length=\\d+", "length=-3")
        .replaceFirst("(\\$\\d+ = 0x[0-9a-f]+\n\\$\\d+ = )0x[0-9a-f]+", "$1-3")));
    add("log-value-unreadable", dir -> editRecordAt(dir, 22, s -> s.replaceFirst("\\$(\\d+) = 0x[0-9a-f]+", "\\$$1 = <error: Cannot access memory>")));
    add("log-gdb-warnings", dir -> editRecordAt(dir, 23, s -> s.replaceFirst("\n#1", "\nwarning: Unable to restore previously selected frame.\n#1")));
    add("log-unreadable-frames", dir -> editRecordAt(dir, 24, s -> s.replaceAll("#(\\d) ", "#x$1 ")));
    add("log-latin1-bytes", dir -> editLogBytes(dir, b -> insert(b, nth(b, "\nBreakpoint 1,", 33) + 1, "caf\u00e9 \u00ff\u00fe\n".getBytes(StandardCharsets.ISO_8859_1))));
    add("log-two-megabyte-line", dir -> editLogBytes(dir, b -> insert(b, nth(b, "\nBreakpoint 1,", 34) + 1, ("x".repeat(2 << 20) + "\n").getBytes(StandardCharsets.US_ASCII))));
    add("log-preamble-only", dir -> editLogBytes(dir, b -> java.util.Arrays.copyOf(b, nth(b, "\nBreakpoint 1,", 0) + 1)));
    add("log-of-another-capture", dir -> Files.copy(
        io.heapreel.model.testing.RealCaptures.checkout().resolve("sample-dumps/dev/mylog.txt"), dir.resolve("mylog.txt"),
        StandardCopyOption.REPLACE_EXISTING));
    add("log-random-bytes", dir -> Files.write(dir.resolve("mylog.txt"), random(100_000, 6)));
  }

  private void symbols() {
    add("elf-truncated", dir -> truncate(dir.resolve("firmware.elf"), 100));
    add("elf-random", dir -> Files.write(dir.resolve("firmware.elf"), random(27448, 7)));
    add("elf-empty", dir -> Files.write(dir.resolve("firmware.elf"), new byte[0]));
    add("map-garbage-no-elf", dir -> {
      Files.delete(dir.resolve("firmware.elf"));
      Files.write(dir.resolve("firmware.map"), random(16000, 8));
    });
    add("map-empty-no-elf", dir -> {
      Files.delete(dir.resolve("firmware.elf"));
      Files.write(dir.resolve("firmware.map"), new byte[0]);
    });
    add("map-without-ram-symbols", dir -> {
      Files.delete(dir.resolve("firmware.elf"));
      editFile(dir.resolve("firmware.map"), s -> s.replace("_srelocate", "_xrelocate"));
    });
    add("map-ram-span-three-times", dir -> {
      Files.delete(dir.resolve("firmware.elf"));
      editFile(dir.resolve("firmware.map"), s -> s.replace("0x20003000                        _estack", "0x20009000                        _estack"));
    });
    add("map-ram-span-a-third", dir -> {
      Files.delete(dir.resolve("firmware.elf"));
      editFile(dir.resolve("firmware.map"), s -> s.replace("0x20003000                        _estack", "0x20001000                        _estack"));
    });
    add("map-ram-span-shifted", dir -> {
      Files.delete(dir.resolve("firmware.elf"));
      editFile(dir.resolve("firmware.map"), s -> s.replace("0x20000000                        _srelocate", "0x20000100                        _srelocate")
          .replace("0x20003000                        _estack", "0x20003100                        _estack"));
    });
    add("two-map-files", dir -> Files.copy(dir.resolve("firmware.map"), dir.resolve("other.map")));
    add("rom-truncated", dir -> truncate(dir.resolve("firmware.bin"), 64));
  }

  private void arguments() {
    args("inspect-largest-negative", "inspect", "--capture", "CAPTURE", "--largest", "-5");
    accepted("inspect-snapshot-minus-one", "inspect", "--capture", "CAPTURE", "--snapshot", "-1");
    args("inspect-snapshot-past-the-end", "inspect", "--capture", "CAPTURE", "--snapshot", "999");
    args("inspect-snapshot-not-a-number", "inspect", "--capture", "CAPTURE", "--snapshot", "x1");
    args("inspect-layout-unknown", "inspect", "--capture", "CAPTURE", "--layout", "no-such-layout");
    argsOn("inspect-layout-not-utf8", dir -> Files.write(dir.resolve("bad.layout"), new byte[] {'f', 'a', 'm', '\n', (byte) 0xff, (byte) 0xfe}),
        "inspect", "--capture", "CAPTURE", "--layout", "CAPTURE/bad.layout");
    argsOn("inspect-layout-bad-keyword", dir -> Files.writeString(dir.resolve("bad.layout"), "family x\nfeild a 4\n"),
        "inspect", "--capture", "CAPTURE", "--layout", "CAPTURE/bad.layout");
    accepted("stats-to-past-the-end", "stats", "--capture", "CAPTURE", "--to", "999");
    args("stats-from-after-to", "stats", "--capture", "CAPTURE", "--from", "50", "--to", "10");
    args("stats-heap-areas-overlap", "stats", "--capture", "CAPTURE", "--heap-area", "0x20000300,0x20000c00", "--heap-area", "0x20000800,0x200012c0");
    args("stats-heap-area-garbage", "stats", "--capture", "CAPTURE", "--heap-area", "0x2000zz,0x20001000");
    args("stats-heap-area-outside-ram", "stats", "--capture", "CAPTURE", "--heap-area", "0x30000000,0x30001000");
    args("stats-word-size-8", "stats", "--capture", "CAPTURE", "--word-size", "8");
    args("stats-word-size-3", "stats", "--capture", "CAPTURE", "--word-size", "3");
    args("stats-capture-missing", "stats", "--capture", "CAPTURE/nowhere");
    args("stats-capture-is-a-file", "stats", "--capture", "CAPTURE/ram.bin");
    args("frames-out-is-a-file", "frames", "--capture", "CAPTURE", "--out", "CAPTURE/ram.bin", "--frame-range", "0-1");
    args("frames-every-zero", "frames", "--capture", "CAPTURE", "--out", "OUT/frames", "--frame-every", "0");
    accepted("frames-range-past-the-end", "frames", "--capture", "CAPTURE", "--out", "CAPTURE/frames", "--frame-range", "118-999");
    args("frames-range-backwards", "frames", "--capture", "CAPTURE", "--out", "OUT/frames", "--frame-range", "9-2");
    args("run-video-fps-zero", "run", "--capture", "CAPTURE", "--out", "OUT", "--video", "--fps", "0");
    args("run-key-frames-garbage", "run", "--capture", "CAPTURE", "--out", "OUT", "--key-frames", "5,x");
    args("run-frame-range-past-the-end", "run", "--capture", "CAPTURE", "--out", "OUT", "--frames", "--frame-range", "500-600");
    args("run-heapsnapshots-past-the-end", "run", "--capture", "CAPTURE", "--out", "OUT", "--heapsnapshots", "9999");
    args("run-out-is-a-file", "run", "--capture", "CAPTURE", "--out", "CAPTURE/ram.bin");
    args("run-unknown-beam-option", "run", "--capture", "CAPTURE", "--out", "OUT", "--runner=NoSuchRunner");
    args("lifespans-out-is-a-folder", "lifespans", "--capture", "CAPTURE", "--out", "CAPTURE");
    args("lifespans-out-in-missing-folder", "lifespans", "--capture", "CAPTURE", "--out", "CAPTURE/no/such/x.json");
    args("heapsnapshot-out-under-a-file", "heapsnapshot", "--capture", "CAPTURE", "--out", "CAPTURE/ram.bin/x.heapsnapshot");
    args("tree-at-past-the-end", "tree", "--capture", "CAPTURE", "--at", "99999");
    args("verify-show-negative", "verify", "--capture", "CAPTURE", "--show", "-3");
    args("video-frames-missing", "video", "--frames", "CAPTURE/no-frames", "--out", "OUT/v.gif", "--gif");
  }

  // --- helpers over the copied folder ---

  static void copyCapture(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }

  private static void fifo(Path p) throws IOException {
    Files.deleteIfExists(p);
    try {
      Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
      if (mk.waitFor() != 0) {
        throw new IOException("mkfifo failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static void appendTo(Path p, byte[] bytes) throws IOException {
    Files.write(p, bytes, java.nio.file.StandardOpenOption.APPEND);
  }

  private static void truncate(Path p, long size) throws IOException {
    try (var ch = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.WRITE)) {
      ch.truncate(size);
    }
  }

  private static void ramAt(Path dir, int offset, byte[] bytes) throws IOException {
    byte[] ram = Files.readAllBytes(dir.resolve("ram.bin"));
    System.arraycopy(bytes, 0, ram, offset, bytes.length);
    Files.write(dir.resolve("ram.bin"), ram);
  }

  private static byte[] filled(int n, byte b) {
    byte[] out = new byte[n];
    java.util.Arrays.fill(out, b);
    return out;
  }

  static byte[] random(int n, long seed) {
    byte[] out = new byte[n];
    new Random(seed).nextBytes(out);
    return out;
  }

  private static byte[] insert(byte[] b, int at, byte[] what) {
    byte[] out = new byte[b.length + what.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(what, 0, out, at, what.length);
    System.arraycopy(b, at, out, at + what.length, b.length - at);
    return out;
  }

  /** Offset of the n-th (0-based) occurrence of {@code what}. */
  private static int nth(byte[] b, String what, int n) {
    String s = new String(b, StandardCharsets.ISO_8859_1);
    int at = -1;
    for (int i = 0; i <= n; i++) {
      at = s.indexOf(what, at + 1);
      if (at < 0) {
        throw new IllegalStateException("no occurrence " + n + " of " + what);
      }
    }
    return at;
  }

  private interface Edit<T> {
    T apply(T t) throws IOException;
  }

  private static void editFile(Path p, Edit<String> edit) throws IOException {
    String s = Files.readString(p, StandardCharsets.ISO_8859_1);
    String changed = edit.apply(s);
    if (changed.equals(s)) {
      throw new IllegalStateException("the edit of " + p + " changed nothing");
    }
    Files.writeString(p, changed, StandardCharsets.ISO_8859_1);
  }

  private static void editLog(Path dir, Edit<String> edit) throws IOException {
    editFile(dir.resolve("mylog.txt"), edit);
  }

  private static void editLogBytes(Path dir, Edit<byte[]> edit) throws IOException {
    Path p = dir.resolve("mylog.txt");
    Files.write(p, edit.apply(Files.readAllBytes(p)));
  }

  /** The log as its preamble (element 0) and its records, each starting with its Breakpoint line. */
  private static void editRecords(Path dir, java.util.function.Consumer<List<String>> edit) throws IOException {
    editLog(dir, s -> {
      List<String> parts = new ArrayList<>(List.of(s.split("(?=\nBreakpoint 1, )")));
      // element 0 is the preamble: record k is element k + 1
      List<String> records = parts.subList(1, parts.size());
      edit.accept(records);
      return String.join("", parts);
    });
  }

  private static void editRecordAt(Path dir, int record, Edit<String> edit) throws IOException {
    editLog(dir, s -> {
      List<String> parts = new ArrayList<>(List.of(s.split("(?=\nBreakpoint 1, )")));
      parts.set(record + 1, edit.apply(parts.get(record + 1)));
      return String.join("", parts);
    });
  }

  private static void renumberValues(Path dir) throws IOException {
    editLog(dir, s -> {
      Matcher m = Pattern.compile("(?m)^\\$\\d+ = ").matcher(s);
      StringBuilder out = new StringBuilder();
      int k = 1;
      while (m.find()) {
        m.appendReplacement(out, Matcher.quoteReplacement("$" + k++ + " = "));
      }
      m.appendTail(out);
      return out.toString();
    });
  }
}
