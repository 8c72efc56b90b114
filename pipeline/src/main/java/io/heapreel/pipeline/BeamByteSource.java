package io.heapreel.pipeline;

import io.heapreel.model.capture.ByteSource;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.FileSystems;

/**
 * A file named by a URI (file://, hdfs://, gs://, s3://, whatever filesystem Beam has registered),
 * read by byte ranges through Beam's FileSystems: workers fetch what they read, so a cluster needs
 * no disk that all of them see.
 */
public record BeamByteSource(String uri) implements ByteSource {
  private static final Pattern URI = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");

  /** Whether {@code path} is a URI (read through Beam) rather than a local path (memory-mapped). */
  public static boolean isUri(String path) {
    return path != null && URI.matcher(path).matches();
  }

  @Override
  public String name() {
    return uri;
  }

  @Override
  public SeekableByteChannel open() throws IOException {
    ReadableByteChannel channel;
    try {
      channel = FileSystems.open(FileSystems.matchSingleFileSpec(uri).resourceId());
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage() + (uri.startsWith("hdfs:") || uri.startsWith("webhdfs:")
          ? " (hdfs:// is known once Hadoop's configuration names the cluster: HADOOP_CONF_DIR holding a core-site.xml with fs.defaultFS,"
              + " or for run --hdfsConfiguration='[{\"fs.defaultFS\":\"hdfs://NAMENODE:PORT\"}]')"
          : " (a filesystem Beam knows: file://, hdfs://, or gs://, s3:// with its module)"), e);
    }
    if (channel instanceof SeekableByteChannel seekable) {
      return seekable;
    }
    channel.close();
    throw new IOException("its filesystem reads it only as a stream, not by byte ranges");
  }
}
