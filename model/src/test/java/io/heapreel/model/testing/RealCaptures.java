package io.heapreel.model.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.nio.file.StandardCopyOption;
import org.tukaani.xz.XZInputStream;

/**
 * The real captures in the checkout's {@code sample-dumps} (today {@code dev}). They are part of
 * every clone, so the tests on them never skip. Files stored xz-compressed ({@code ram.bin.xz},
 * {@code allocation_history.json.xz}) are decompressed once into the build folder.
 */
public final class RealCaptures {
  private RealCaptures() {}

  /** The checkout's top folder (set by surefire), else the working directory's parent guess. */
  public static Path checkout() {
    String top = System.getProperty("heapreel.checkout");
    if (top != null && !top.isBlank()) {
      return Paths.get(top).toAbsolutePath().normalize();
    }
    Path cwd = Paths.get("").toAbsolutePath();
    return Files.exists(cwd.resolve("model")) ? cwd : cwd.getParent();
  }

  /** {@code sample-dumps/NAME} of the checkout, as stored. */
  public static Path sampleFolder(String name) {
    Path folder = checkout().resolve("sample-dumps").resolve(name);
    if (!Files.isRegularFile(folder.resolve("ram.bin.xz"))) {
      throw new IllegalStateException("real capture " + folder + " is missing its ram.bin.xz");
    }
    return folder;
  }

  /**
   * A capture folder usable by heapreel: {@code ram.bin} decompressed into the build folder, the
   * map and the log linked from the sample folder.
   */
  public static Path dev() {
    return prepared("dev");
  }

  /**
   * A reference file of a real capture (NOTES.md, reference_stats.csv, ...): the stored file, or,
   * when it is stored as {@code FILE.xz}, its decompressed copy in the build folder.
   */
  public static synchronized Path referenceFile(String capture, String file) {
    Path source = sampleFolder(capture);
    Path plain = source.resolve(file);
    if (Files.isRegularFile(plain)) {
      return plain;
    }
    Path packed = source.resolve(file + ".xz");
    if (!Files.isRegularFile(packed)) {
      throw new IllegalStateException("reference file " + plain + " (or " + packed + ") is missing");
    }
    return unpacked(packed, buildFolder(capture).resolve(file));
  }

  /**
   * A real firmware sample ({@code heapreel capture --at-end truth.gdb}) as heapreel reads it:
   * {@code ram.bin} decompressed into the build folder, the log, ELF, program output and gdb's
   * reading at the end linked beside it.
   */
  public static synchronized Path firmwareSample(String name) {
    Path folder = referenceFile(name, "ram.bin").getParent();
    try {
      for (String file : List.of("mylog.txt", "firmware.elf", "uart.log", "truth.txt")) {
        Path link = folder.resolve(file);
        if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
          Files.createSymbolicLink(link, referenceFile(name, file).toAbsolutePath());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return folder;
  }

  public static synchronized Path prepared(String name) {
    Path source = sampleFolder(name);
    Path target = buildFolder(name);
    unpacked(source.resolve("ram.bin.xz"), target.resolve("ram.bin"));
    try {
      for (String f : new String[] {"firmware.map", "mylog.txt"}) {
        Path link = target.resolve(f);
        if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
          Files.createSymbolicLink(link, source.resolve(f).toAbsolutePath());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  private static Path buildFolder(String name) {
    return checkout().resolve("target").resolve("real-captures").resolve(name);
  }

  /**
   * {@code target}, decompressed from {@code packed} unless an earlier test did it already from the
   * same file (a sample captured again is newer than its copy, which is then made again).
   */
  private static Path unpacked(Path packed, Path target) {
    try {
      Files.createDirectories(target.getParent());
      if (!Files.exists(target) || Files.getLastModifiedTime(target).compareTo(Files.getLastModifiedTime(packed)) < 0) {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try (InputStream in = new XZInputStream(Files.newInputStream(packed));
            OutputStream out = Files.newOutputStream(partial)) {
          in.transferTo(out);
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
