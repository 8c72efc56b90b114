package io.heapreel.pipeline;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a program is on the PATH, so that a hint names only tools the user has. */
final class OnPath {
  private OnPath() {}

  static boolean has(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
