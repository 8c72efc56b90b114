package io.heapreel.model.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read-ahead reads every chunk not in the page cache, to the file's end, and skips the others. */
class ColdReadAheadTest {
  @TempDir Path dir;

  @Test
  void readsEveryChunkNotCachedToTheEndOfTheFile() throws IOException {
    Path file = Files.write(dir.resolve("ram.bin"), new byte[10_000_123]);
    ColdReadAhead ahead = new ColdReadAhead(file, 3_000_000, chunk -> false);
    ahead.startThread();
    ahead.awaitEnd();
    assertThat(ahead.bytesRead()).isEqualTo(10_000_123);
  }

  @Test
  void skipsChunksFoundInThePageCache() throws IOException {
    Path file = Files.write(dir.resolve("ram.bin"), new byte[10_000_123]);
    List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
    // the second of four chunks is cached
    ColdReadAhead ahead = new ColdReadAhead(file, 3_000_000, chunk -> {
      sizes.add(chunk.capacity());
      return sizes.size() == 2;
    });
    ahead.startThread();
    ahead.awaitEnd();
    assertThat(sizes).containsExactly(3_000_000, 3_000_000, 3_000_000, 1_000_123);
    assertThat(ahead.bytesRead()).isEqualTo(10_000_123 - 3_000_000);
  }

  @Test
  void aFileThatCannotBeReadEndsItQuietly() {
    ColdReadAhead ahead = new ColdReadAhead(dir.resolve("missing.bin"), 3_000_000, chunk -> false);
    ahead.startThread();
    ahead.awaitEnd();
    assertThat(ahead.bytesRead()).isZero();
  }

  @Test
  void aFileJustWrittenIsFoundInThePageCacheByItsProbes() throws IOException {
    Path file = Files.write(dir.resolve("ram.bin"), new byte[3 * ColdReadAhead.PROBE_EVERY + 123]);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      MappedByteBuffer chunk = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
      assertThat(ColdReadAhead.probablyLoaded(chunk)).isEqualTo(chunk.isLoaded()).isTrue();
    }
  }
}
