package io.heapreel.pipeline;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * The lines about damaged input that one element of a step finds (a range of snapshots, the log, a
 * batch of key frames), written by the step itself as they come into {@code folder/<name>.txt},
 * under a temporary name until {@link #finish}: a retried element overwrites its file, and no file
 * is made when nothing is damaged. The launcher sorts each folder's lines
 * ({@link StagedOutput#damageLines}). A gathering step after each (a GroupByKey and a writer) cost
 * the DirectRunner more in its start than a whole table (docs/speed.md).
 */
final class DamageFile {
  private final String folder;
  private final String name;
  private ResourceId temporary;
  private OutputStream out;

  /** @param name the element's own name, the same on every attempt */
  DamageFile(String folder, String name) {
    this.folder = folder;
    this.name = name;
  }

  /** The file of the element that starts at {@code first} (a range's first batch, a batch's first key frame). */
  static DamageFile ofElement(String folder, long first) {
    return new DamageFile(folder, String.format("part-%012d", first));
  }

  synchronized void add(String line) {
    try {
      if (out == null) {
        temporary = folder().resolve(name + ".txt" + ParquetBatchFile.IN_PROGRESS + UUID.randomUUID(), StandardResolveOptions.RESOLVE_FILE);
        out = new BufferedOutputStream(Channels.newOutputStream(FileSystems.create(temporary, MimeTypes.TEXT)));
      }
      out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + temporary, e);
    }
  }

  /** Puts the file in place, if there was a line. */
  synchronized void finish() {
    if (out == null) {
      return;
    }
    ResourceId target = folder().resolve(name + ".txt", StandardResolveOptions.RESOLVE_FILE);
    try {
      out.close();
      out = null;
      FileSystems.rename(List.of(temporary), List.of(target));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  private ResourceId folder() {
    return FileSystems.matchNewResource(folder, true);
  }
}
