package io.heapreel.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/** A local Parquet file read through a FileChannel, without Hadoop's file-system layer. */
final class NioInputFile implements InputFile {
  private final Path file;

  NioInputFile(Path file) {
    this.file = file;
  }

  @Override
  public long getLength() throws IOException {
    return java.nio.file.Files.size(file);
  }

  @Override
  public SeekableInputStream newStream() throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    return new DelegatingSeekableInputStream(java.nio.channels.Channels.newInputStream(channel)) {
      @Override
      public long getPos() throws IOException {
        return channel.position();
      }

      @Override
      public void seek(long newPos) throws IOException {
        channel.position(newPos);
      }

      @Override
      public int read(ByteBuffer buf) throws IOException {
        return channel.read(buf);
      }

      @Override
      public void close() throws IOException {
        channel.close();
      }
    };
  }

  @Override
  public String toString() {
    return file.toString();
  }
}
