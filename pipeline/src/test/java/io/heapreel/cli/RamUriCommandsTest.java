package io.heapreel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.testing.RealCaptures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that reads the RAM dumps takes {@code --ram} as a URI (read by byte ranges through
 * Beam's filesystems, not mapped) as it takes a path, in a capture folder that holds no ram.bin:
 * the same output and the same files, byte for byte, the name of the input aside.
 */
class RamUriCommandsTest {
  private static final Path SAMPLE = RealCaptures.checkout().resolve("sample-dumps").resolve("small");

  @TempDir Path tmp;

  @Test
  void everyCommandReadsTheRamByUriAsByPath() throws IOException {
    Path folder = Files.createDirectories(tmp.resolve("capture"));
    for (String f : new String[] {"firmware.elf", "firmware.bin", "firmware.map", "mylog.txt"}) {
      Files.createSymbolicLink(folder.resolve(f), SAMPLE.resolve(f).toAbsolutePath());
    }
    String path = SAMPLE.resolve("ram.bin").toAbsolutePath().toString();
    String uri = SAMPLE.resolve("ram.bin").toAbsolutePath().toUri().toString();
    List<String[]> commands = List.of(
        new String[] {"inspect", "--snapshot", "60"},
        new String[] {"verify"},
        new String[] {"tree", "--at", "60"},
        new String[] {"diff", "--from", "10", "--to", "90"},
        new String[] {"graph", "--snapshot", "60", "--out", "OUT.dot"},
        new String[] {"heapsnapshot", "--snapshot", "60", "--out", "OUT.heapsnapshot"},
        new String[] {"lifespans", "--format", "csv", "--out", "OUT.csv"},
        new String[] {"frames", "--frame-range", "58-60", "--out", "OUT"});
    for (String[] command : commands) {
      String name = command[0];
      CliRun byPath = run(command, folder, path, tmp.resolve("path-" + name));
      CliRun byUri = run(command, folder, uri, tmp.resolve("uri-" + name));
      assertThat(byPath.exitCode()).as(name + " by path: " + byPath.err()).isZero();
      assertThat(byUri.exitCode()).as(name + " by URI: " + byUri.err()).isZero();
      assertThat(byUri.out().replace(uri, path).replace(tmp.resolve("uri-" + name).toString(), "OUT"))
          .as(name).isEqualTo(byPath.out().replace(tmp.resolve("path-" + name).toString(), "OUT"));
      assertThat(written(tmp.resolve("uri-" + name), uri, path)).as(name).isEqualTo(written(tmp.resolve("path-" + name), uri, path));
      assertThat(byPath.out().length() + written(tmp.resolve("path-" + name), uri, path).size()).as(name + " wrote something").isPositive();
    }
    // the lifespans' address column is filled from the heap found in the dumps (it was left empty for a URI)
    List<String> lifespans = Files.readAllLines(tmp.resolve("uri-lifespans.csv"));
    int address = Arrays.asList(lifespans.get(0).split(",")).indexOf("address");
    assertThat(lifespans.get(1).split(",")[address]).startsWith("0x");
  }

  private static CliRun run(String[] command, Path folder, String ram, Path out) {
    List<String> args = new ArrayList<>();
    for (String a : command) {
      args.add(a.replace("OUT", out.toString()));
    }
    args.addAll(List.of("--capture", folder.toString(), "--ram", ram));
    return CliRun.of(args.toArray(String[]::new));
  }

  /** The file or the folder's files an output option names, as text with the input's name made one. */
  private static List<String> written(Path out, String uri, String path) throws IOException {
    List<Path> files = new ArrayList<>();
    Path parent = out.getParent();
    try (Stream<Path> s = Files.walk(parent)) {
      s.filter(Files::isRegularFile).filter(p -> p.toString().startsWith(out.toString())).sorted().forEach(files::add);
    }
    List<String> contents = new ArrayList<>();
    for (Path f : files) {
      byte[] bytes = Files.readAllBytes(f);
      contents.add(f.toString().substring(out.toString().length()) + ": " + new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).replace(uri, path).replace(out.toString(), "OUT"));
    }
    return contents;
  }
}
