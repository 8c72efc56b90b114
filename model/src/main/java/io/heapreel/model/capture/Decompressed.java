package io.heapreel.model.capture;

import java.io.IOException;

/** The uncompressed bytes of a compressed file, read by offset; one reader per thread. */
interface Decompressed extends AutoCloseable {
  /** Fills {@code into[at, at + length)} with the bytes from uncompressed offset {@code offset} on. */
  void read(long offset, byte[] into, int at, int length) throws IOException;

  @Override
  void close();
}
