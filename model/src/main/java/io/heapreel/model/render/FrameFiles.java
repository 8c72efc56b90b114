package io.heapreel.model.render;

import io.heapreel.model.error.CaptureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The frames of a folder, in snapshot order. */
public final class FrameFiles {
  private FrameFiles() {}

  public static List<Path> list(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new CaptureException(folder + ": no such folder (expected the frames written by 'frames' or 'run --frames')");
    }
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> list = files.filter(p -> p.getFileName().toString().matches("heap_\\d+\\.png")).sorted().toList();
      if (list.isEmpty()) {
        throw new CaptureException(folder + ": no heap_NNNNNN.png frames in it");
      }
      return list;
    } catch (IOException e) {
      throw new CaptureException(folder + ": cannot list the frames (" + e.getMessage() + ")", e);
    }
  }
}
