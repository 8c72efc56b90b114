package io.heapreel.model.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.open.Capture;
import io.heapreel.model.capture.SnapshotFile;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.testing.RealCaptures;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify on the dev capture as it is, and on copies altered in the ways a capture goes wrong. */
class RealCaptureVerifyTest {
  private static Path folder;
  private static Capture capture;
  private static CaptureVerifier verifier;
  @TempDir static Path temp;

  @BeforeAll
  static void open() {
    folder = RealCaptures.dev();
    capture = Capture.open(folder);
    verifier = new CaptureVerifier(capture.heap(), SiteRules.MICROPYTHON, null);
  }

  @AfterAll
  static void close() {
    if (capture != null) {
      capture.close();
    }
  }

  private static List<String> log() throws IOException {
    return Files.readAllLines(folder.resolve("mylog.txt"), StandardCharsets.ISO_8859_1);
  }

  private static Path write(String name, List<String> lines) throws IOException {
    Path p = temp.resolve(name);
    Files.write(p, lines, StandardCharsets.ISO_8859_1);
    return p;
  }

  /** Line indexes of the records' {@code Breakpoint 1,} lines. */
  private static List<Integer> recordStarts(List<String> lines) {
    List<Integer> starts = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("Breakpoint 1, ")) {
        starts.add(i);
      }
    }
    return starts;
  }

  @Test
  void theRealCaptureHoldsTogether() {
    VerifyReport r = verifier.verify(folder.resolve("mylog.txt"), capture.snapshots());
    assertThat(r.first()).isEmpty();
    assertThat(r.records()).isEqualTo(2737);
    assertThat(r.snapshots()).isEqualTo(2737);
    assertThat(r.checked()).isEqualTo(2737);
    assertThat(r.mismatched()).isZero();
    assertThat(r.holdsTogether()).isTrue();
  }

  @Test
  void captureFactsInThePreambleAreCheckedAgainstTheMapAndTheRamSpan() throws IOException {
    // NOTES.md: mp_state_ctx at 0x20000010, RAM 0x20000000..0x20009000
    List<String> lines = new ArrayList<>(log());
    lines.addAll(0, List.of(
        "heapreel-fact ram_start = 0x20000000",
        "heapreel-fact ram_end = 0x20009000",
        "heapreel-fact &mp_state_ctx = 0x20000010",
        "heapreel-fact &mp_state_ctx.mem.area = 0x20000190",
        "heapreel-fact sizeof(mp_state_ctx) = 684"));
    VerifyReport good = CaptureVerifier.verify(capture, write("facts.txt", lines), SiteRules.MICROPYTHON);
    assertThat(good.factDisagreements()).isEmpty();
    assertThat(good.holdsTogether()).isTrue();

    lines.set(2, "heapreel-fact &mp_state_ctx = 0x20000020");
    lines.set(1, "heapreel-fact ram_end = 0x2000a000");
    VerifyReport other = CaptureVerifier.verify(capture, write("other-facts.txt", lines), SiteRules.MICROPYTHON);
    assertThat(other.factDisagreements()).containsExactly(
        "the log says ram_end = 0x2000a000, heapreel uses 0x20009000",
        "the log says &mp_state_ctx = 0x20000020, heapreel uses 0x20000010");
    assertThat(other.mismatched()).isZero();
    assertThat(other.holdsTogether()).isFalse();
  }

  @Test
  void aDeletedRecordIsCountedByGdbsValueNumbers() throws IOException {
    List<String> lines = log();
    List<Integer> starts = recordStarts(lines);
    lines.subList(starts.get(1500), starts.get(1501)).clear();
    VerifyReport r = verifier.verify(write("one-record-less.txt", lines), capture.snapshots());
    // $3001 and $3002 are gone: record 1501's $3003 says one record is missing before it
    assertThat(r.records()).isEqualTo(2737);
    assertThat(r.skipped()).isEqualTo(1);
    assertThat(r.damage()).isEqualTo(1);
    assertThat(r.firstDamage().get(0).toString()).contains("$3003 belongs to record 1501");
    assertThat(r.countsMatch()).isTrue();
    // the lost event's blocks go unpredicted, so mismatches stay possible, but none before it
    assertThat(r.first()).allSatisfy(m -> assertThat(m.event()).isGreaterThanOrEqualTo(1500));
  }

  @Test
  void aDeletedRecordWithTheValuesRenumberedIsFoundByTheSnapshots() throws IOException {
    List<String> lines = log();
    List<Integer> starts = recordStarts(lines);
    lines.subList(starts.get(1500), starts.get(1501)).clear();
    int k = 1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("$")) {
        lines.set(i, "$" + k++ + lines.get(i).substring(lines.get(i).indexOf(' ')));
      }
    }
    VerifyReport r = verifier.verify(write("one-record-less.txt", lines), capture.snapshots());
    assertThat(r.records()).isEqualTo(2736);
    assertThat(r.countsMatch()).isFalse();
    assertThat(r.holdsTogether()).isFalse();
    // up to record 1500 everything agrees; from there each event meets the next event's dump
    assertThat(r.first()).isNotEmpty();
    assertThat(r.first().get(0).event()).isGreaterThanOrEqualTo(1500);
    assertThat(r.mismatched()).isGreaterThan(100);
  }

  @Test
  void aDeletedSnapshotIsFound() throws IOException {
    long span = capture.ram().length();
    Path ram = temp.resolve("one-snapshot-less.bin");
    try (FileChannel in = FileChannel.open(folder.resolve("ram.bin"));
        FileChannel out = FileChannel.open(ram, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      in.transferTo(0, 1000 * span, out);
      in.transferTo(1001 * span, in.size() - 1001 * span, out);
    }
    try (SnapshotFile snapshots = SnapshotFile.open(ram, capture.ram())) {
      VerifyReport r = verifier.verify(folder.resolve("mylog.txt"), snapshots);
      assertThat(r.snapshots()).isEqualTo(2736);
      assertThat(r.countsMatch()).isFalse();
      assertThat(r.holdsTogether()).isFalse();
      assertThat(r.first().get(0).event()).isEqualTo(1000);
    } finally {
      Files.delete(ram);
    }
  }

  @Test
  void twoSwappedSnapshotsAreFoundAtBothEvents() throws IOException {
    long span = capture.ram().length();
    Path ram = temp.resolve("swapped.bin");
    Files.copy(folder.resolve("ram.bin"), ram);
    try (FileChannel in = FileChannel.open(folder.resolve("ram.bin"));
        FileChannel out = FileChannel.open(ram, StandardOpenOption.WRITE)) {
      in.transferTo(1000 * span, span, out.position(2000 * span));
      in.transferTo(2000 * span, span, out.position(1000 * span));
    }
    try (SnapshotFile snapshots = SnapshotFile.open(ram, capture.ram())) {
      VerifyReport r = verifier.verify(folder.resolve("mylog.txt"), snapshots);
      assertThat(r.countsMatch()).isTrue();
      assertThat(r.holdsTogether()).isFalse();
      assertThat(r.first()).extracting(Mismatch::event).containsExactly(1000L, 2000L);
    } finally {
      Files.delete(ram);
    }
  }

  @Test
  void theLogOfAnotherCaptureIsFound() throws IOException {
    // the same shape of log, consistently different: every start block one further on
    Pattern hit = Pattern.compile("^(Breakpoint 1, \\w+ \\(start_block=)(\\d+)(,.*)$");
    Pattern value = Pattern.compile("^(\\$\\d+ = )0x([0-9a-f]+)$");
    List<String> lines = log();
    boolean nextIsStart = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher h = hit.matcher(line);
      Matcher v = value.matcher(line);
      if (h.matches()) {
        lines.set(i, h.group(1) + (Integer.parseInt(h.group(2)) + 1) + h.group(3));
        nextIsStart = true;
      } else if (v.matches() && nextIsStart) {
        lines.set(i, v.group(1) + "0x" + Integer.toHexString(Integer.parseInt(v.group(2), 16) + 1));
        nextIsStart = false;
      }
    }
    Path other = write("other-capture.txt", lines);
    VerifyReport r = verifier.verify(other, capture.snapshots());
    assertThat(r.damage()).isZero();
    assertThat(r.countsMatch()).isTrue();
    assertThat(r.holdsTogether()).isFalse();
    assertThat(r.first().get(0).event()).isZero();
    assertThat(r.mismatched()).isGreaterThan(2700);
  }
}
