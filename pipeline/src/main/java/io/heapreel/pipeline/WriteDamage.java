package io.heapreel.pipeline;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.coders.IterableCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Lines about damaged input, one per damaged item, gathered into one sorted text file for the
 * launcher to put into run.json. Written under a temporary name and renamed into place like the
 * tables (a retry overwrites it); no file when nothing is damaged. TextIO's sharded writing cost
 * the DirectRunner more than a whole table even with no line to write.
 */
final class WriteDamage extends PTransform<PCollection<String>, PDone> {
  private final String folder;

  WriteDamage(String folder) {
    this.folder = folder;
  }

  @Override
  public PDone expand(PCollection<String> lines) {
    lines
        .apply("All", WithKeys.of(0))
        .setCoder(KvCoder.of(VarIntCoder.of(), StringUtf8Coder.of()))
        .apply("Together", GroupByKey.create())
        .setCoder(KvCoder.of(VarIntCoder.of(), IterableCoder.of(StringUtf8Coder.of())))
        .apply("Text", ParDo.of(new WriteLinesFn(folder)));
    return PDone.in(lines.getPipeline());
  }

  private static final class WriteLinesFn extends DoFn<KV<Integer, Iterable<String>>, Void> {
    private final String folder;

    WriteLinesFn(String folder) {
      this.folder = folder;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<String>> all) {
      List<String> lines = new ArrayList<>();
      all.getValue().forEach(lines::add);
      lines.sort(null);
      ResourceId dir = FileSystems.matchNewResource(folder, true);
      ResourceId target = dir.resolve("part-all.txt", StandardResolveOptions.RESOLVE_FILE);
      ResourceId temporary = dir.resolve("part-all.txt" + ParquetBatchFile.IN_PROGRESS + UUID.randomUUID(), StandardResolveOptions.RESOLVE_FILE);
      try {
        try (OutputStream out = new BufferedOutputStream(Channels.newOutputStream(FileSystems.create(temporary, MimeTypes.TEXT)))) {
          for (String line : lines) {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
          }
        }
        FileSystems.rename(List.of(temporary), List.of(target));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + target, e);
      }
    }
  }
}
