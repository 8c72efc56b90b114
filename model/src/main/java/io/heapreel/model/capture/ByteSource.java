package io.heapreel.model.capture;

import java.io.IOException;
import java.io.Serializable;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file read by byte ranges: a local file, or (from the pipeline) any filesystem Beam knows. What
 * the compressed readers need, so they never depend on where the bytes live.
 */
public interface ByteSource extends Serializable {
  /** The file, for messages. */
  String name();

  /** A fresh channel; the caller closes it. */
  SeekableByteChannel open() throws IOException;

  static ByteSource of(Path path) {
    return new LocalFile(path.toString());
  }

  /** A file on a local disk (a string: {@link Path} is not serializable). */
  record LocalFile(String file) implements ByteSource {
    @Override
    public String name() {
      return file;
    }

    @Override
    public SeekableByteChannel open() throws IOException {
      return FileChannel.open(Path.of(file), StandardOpenOption.READ);
    }
  }
}
