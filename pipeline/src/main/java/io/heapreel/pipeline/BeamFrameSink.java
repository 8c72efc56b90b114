package io.heapreel.pipeline;

import io.heapreel.model.error.CaptureException;
import io.heapreel.model.render.FrameSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Frames through Beam's FileSystems (any file system a runner has): written aside and renamed into
 * place, so a retried bundle overwrites a frame and never leaves half of one.
 */
final class BeamFrameSink implements FrameSink {
  private final ResourceId folder;

  BeamFrameSink(String folder) {
    this.folder = FileSystems.matchNewResource(folder, true);
  }

  @Override
  public void write(String name, ByteBuffer png) {
    ResourceId target = folder.resolve(name, StandardResolveOptions.RESOLVE_FILE);
    ResourceId partial = folder.resolve("." + name + ".partial", StandardResolveOptions.RESOLVE_FILE);
    try {
      try (WritableByteChannel out = FileSystems.create(partial, "image/png")) {
        while (png.hasRemaining()) {
          out.write(png);
        }
      }
      FileSystems.rename(List.of(partial), List.of(target));
    } catch (IOException e) {
      throw new CaptureException(target + ": cannot write the frame (" + e.getMessage() + ")", e);
    }
  }
}
