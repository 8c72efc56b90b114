package io.heapreel.model.capture;

import io.heapreel.model.error.CaptureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Checks that an input is an ordinary file before anything reads it: a FIFO or /dev/zero would be
 * read forever, a directory or device gives nothing sensible. The message says what the path is.
 */
public final class InputFiles {
  private static final int S_IFMT = 0170000;

  private InputFiles() {}

  /** {@code p} exists and is a regular file (after links); else a CaptureException saying what it is. */
  public static Path requireRegular(Path p, String what) {
    if (!Files.exists(p)) {
      throw new CaptureException(p + ": no such file (" + what + ")");
    }
    if (!Files.isRegularFile(p)) {
      throw new CaptureException(p + ": " + kind(p) + ", not a regular file (" + what + ")");
    }
    return p;
  }

  /** "a directory", "a FIFO (named pipe)", "a character device", ... for a path that exists. */
  static String kind(Path p) {
    if (Files.isDirectory(p)) {
      return "a directory";
    }
    try {
      int mode = (Integer) Files.getAttribute(p, "unix:mode");
      return switch (mode & S_IFMT) {
        case 0010000 -> "a FIFO (named pipe)";
        case 0020000 -> "a character device";
        case 0060000 -> "a block device";
        case 0140000 -> "a socket";
        default -> "a special file";
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
      return Files.isSymbolicLink(p) && !Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? "a broken link" : "a special file";
    }
  }
}
