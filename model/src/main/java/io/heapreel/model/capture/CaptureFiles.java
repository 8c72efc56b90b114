package io.heapreel.model.capture;

import io.heapreel.model.error.CaptureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of one capture. Found in a capture folder by their usual names ({@code ram.bin}, else
 * {@code ram.bin.xz} or {@code ram.bin.zst}, {@code mylog.txt}, {@code *.map}, {@code firmware.elf},
 * {@code firmware.bin}, {@code layout.txt}); each but the layout can be given explicitly instead.
 * Absent optional files are null; the {@code require*} methods turn a missing
 * needed file into a message that says what to pass.
 */
public record CaptureFiles(Path ram, Path log, Path map, Path elf, Path rom, Path layout) {
  public static final String RAM = "ram.bin";
  public static final String LOG = "mylog.txt";
  public static final String ELF = "firmware.elf";
  public static final String ROM = "firmware.bin";
  /** gdb's ptype/o of the structs the inspector reads, written by scripts/capture.gdb. */
  public static final String LAYOUT = "layout.txt";

  /** Files from {@code dir} (may be null), each replaced by the explicit path when one is given. */
  public static CaptureFiles locate(Path dir, Path ram, Path log, Path map, Path elf, Path rom) {
    if (dir != null && !Files.isDirectory(dir)) {
      throw new CaptureException(dir + ": no such capture folder");
    }
    return new CaptureFiles(
        checked(ram != null ? ram : ramIn(dir), "--ram"),
        checked(log != null ? log : existing(dir, LOG), "--log"),
        checked(map != null ? map : findMap(dir), "--map"),
        checked(elf != null ? elf : existing(dir, ELF), "--elf"),
        checked(rom != null ? rom : existing(dir, ROM), "--rom"),
        checked(existing(dir, LAYOUT), "the capture folder's " + LAYOUT));
  }

  /**
   * A file that is there but is no regular file is refused at once, whichever command runs: a FIFO
   * or a device would be read forever. A missing file stays for the require* methods to report.
   */
  private static Path checked(Path p, String option) {
    if (p != null && Files.exists(p)) {
      InputFiles.requireRegular(p, option);
    }
    return p;
  }

  public static CaptureFiles inFolder(Path dir) {
    return locate(dir, null, null, null, null, null);
  }

  /** The uncompressed dumps when they are there (the fastest to read), else a compressed file. */
  private static Path ramIn(Path dir) {
    for (RamFormat format : RamFormat.values()) {
      Path p = existing(dir, format.fileName());
      if (p != null) {
        return p;
      }
    }
    return null;
  }

  private static Path existing(Path dir, String name) {
    if (dir == null) {
      return null;
    }
    Path p = dir.resolve(name);
    return Files.exists(p) ? p : null;
  }

  private static Path findMap(Path dir) {
    if (dir == null) {
      return null;
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> maps = files.filter(p -> p.getFileName().toString().endsWith(".map")).sorted().toList();
      if (maps.size() > 1) {
        Path firmware = dir.resolve("firmware.map");
        if (maps.contains(firmware)) {
          return firmware;
        }
        throw new CaptureException(dir + ": several map files " + maps + "; pick one with --map");
      }
      return maps.isEmpty() ? null : maps.get(0);
    } catch (IOException e) {
      throw new CaptureException(dir + ": cannot list the capture folder (" + e.getMessage() + ")", e);
    }
  }

  public Path requireRam() {
    return require(ram, "ram.bin (the RAM dumps; or ram.bin.xz, ram.bin.zst)", "--ram");
  }

  public Path requireLog() {
    return require(log, "mylog.txt (the gdb log)", "--log");
  }

  /** The symbol source: the ELF when there is one (exact), else the map file. */
  public Path requireSymbols() {
    if (elf != null) {
      return requireReadable(elf, "--elf");
    }
    return require(map, "*.map (the linker map) or firmware.elf", "--map or --elf");
  }

  private static Path require(Path p, String what, String option) {
    if (p == null) {
      throw new CaptureException("no " + what + " found; give the capture folder with --capture or the file with " + option);
    }
    return requireReadable(p, option);
  }

  private static Path requireReadable(Path p, String option) {
    InputFiles.requireRegular(p, option);
    try {
      if (Files.size(p) == 0) {
        throw new CaptureException(p + ": the file is empty");
      }
    } catch (IOException e) {
      throw new CaptureException(p + ": cannot read (" + e.getMessage() + ")", e);
    }
    return p;
  }
}
