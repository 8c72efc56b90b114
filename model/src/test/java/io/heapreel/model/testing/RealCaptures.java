package io.heapreel.model.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import org.tukaani.xz.XZInputStream;

/**
 * The real captures in {@code ../shared/captures} beside the checkout. A test asks for one with
 * {@link #dev()}; when the folder is absent the test is skipped with a message. The RAM dumps come
 * xz-compressed and are decompressed once into the build folder.
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

  /** {@code ../shared/captures/NAME} (or $HEAPREEL_SHARED/captures/NAME), skipping the test when absent. */
  public static Path sharedFolder(String name) {
    String env = System.getenv("HEAPREEL_SHARED");
    Path shared = env != null ? Paths.get(env) : checkout().resolveSibling("shared");
    Path folder = shared.resolve("captures").resolve(name);
    assumeTrue(
        Files.isRegularFile(folder.resolve("ram.bin.xz")),
        "real capture " + folder + " is absent: skipped (it lives in ../shared beside the checkout)");
    return folder;
  }

  /**
   * A capture folder usable by heapreel: {@code ram.bin} decompressed into the build folder, the
   * map and the log linked from the shared folder.
   */
  public static Path dev() {
    return prepared("dev");
  }

  /** The reference files of a real capture (NOTES.md, reference_stats.csv, ...). */
  public static Path referenceFile(String capture, String file) {
    return sharedFolder(capture).resolve(file);
  }

  public static synchronized Path prepared(String name) {
    Path source = sharedFolder(name);
    Path target = checkout().resolve("target").resolve("real-captures").resolve(name);
    try {
      Files.createDirectories(target);
      Path ram = target.resolve("ram.bin");
      if (!Files.exists(ram)) {
        Path partial = target.resolve("ram.bin.partial");
        try (InputStream in = new XZInputStream(Files.newInputStream(source.resolve("ram.bin.xz")));
            OutputStream out = Files.newOutputStream(partial)) {
          in.transferTo(out);
        }
        Files.move(partial, ram, StandardCopyOption.ATOMIC_MOVE);
      }
      for (String f : new String[] {"firmware.map", "mylog.txt"}) {
        Path link = target.resolve(f);
        if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.createSymbolicLink(link, source.resolve(f).toAbsolutePath());
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
