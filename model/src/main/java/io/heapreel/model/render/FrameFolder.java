package io.heapreel.model.render;

import io.heapreel.model.error.CaptureException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Frames into a folder of this machine: each file written aside ({@code .NAME.partial}) and moved into place. */
public final class FrameFolder implements FrameSink {
  private final Path folder;

  /** @param folder created when missing */
  public FrameFolder(Path folder) {
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new CaptureException(folder + ": --out must be a folder for the frames, and this is a file");
    }
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new CaptureException(folder + ": cannot create the frames folder (" + e.getMessage() + ")", e);
    }
    this.folder = folder;
  }

  @Override
  public void write(String name, ByteBuffer png) {
    Path target = folder.resolve(name);
    Path partial = folder.resolve("." + name + ".partial");
    try {
      try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        while (png.hasRemaining()) {
          out.write(png);
        }
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CaptureException(target + ": cannot write the frame (" + e.getMessage() + ")", e);
    }
  }
}
