package io.heapreel.model.render;

import java.nio.ByteBuffer;

/** Where a frame job's PNGs go: whole files or nothing, so a folder never holds half a frame. */
public interface FrameSink {
  /**
   * Writes {@code png} (read to its end, not kept) as the file {@code name}, replacing an earlier one.
   * Must be thread-safe.
   */
  void write(String name, ByteBuffer png);
}
