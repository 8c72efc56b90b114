package io.heapreel.cli;

import io.heapreel.model.open.Capture;
import io.heapreel.model.error.CaptureException;
import io.heapreel.model.capture.RamFormat;
import io.heapreel.model.capture.RamPacker;
import io.heapreel.model.capture.SnapshotFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Compresses a capture's RAM dumps in blocks of whole snapshots. */
@Command(
    name = "pack",
    mixinStandardHelpOptions = true,
    description = {
      "Write the capture's RAM dumps compressed (ram.bin.xz or ram.bin.zst) in blocks of whole snapshots, about 8 MiB"
          + " each, which every command reads in place: in parallel, and one snapshot without decompressing the others.",
      "The input may itself be compressed (a file of one block is repacked). The file is written beside the target and"
          + " moved into place when complete; the input is left as it is."
    })
public final class PackCommand implements Callable<Integer> {
  @Mixin CaptureOptions capture;

  @Spec CommandSpec spec;

  @Option(names = "--format", paramLabel = "xz|zst", defaultValue = "xz", description = "xz (smaller) or zst (faster to write and read) (default ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--level", paramLabel = "N", description = "xz preset 0..9 (default 1: 6 packs the dev capture 7%% smaller in 5 times the time) or zstd level 1..19 (default 9).")
  Integer level;

  @Option(names = "--out", paramLabel = "FILE", description = "The file to write (default: ram.bin.xz or ram.bin.zst beside the input).")
  Path out;

  @Mixin ProgressOptions console;

  @Mixin ThreadsOption threads;

  @Override
  public Integer call() {
    RamFormat f = switch (format.toLowerCase(Locale.ROOT)) {
      case "xz" -> RamFormat.XZ;
      case "zst", "zstd" -> RamFormat.ZSTD;
      default -> throw new CaptureException("--format must be xz or zst, not '" + format + "'");
    };
    PrintWriter err = spec.commandLine().getErr();
    try (Capture c = capture.open()) {
      SnapshotFile source = c.snapshots();
      Diagnostics.captureWarnings(c, err);
      if (out == null && c.files().ram() == null) {
        throw new CaptureException("--out is needed when --ram is a URI: the local file to write");
      }
      Path target = out != null ? out : c.files().ram().toAbsolutePath().resolveSibling(f.fileName());
      int n = threads.count();
      RamPacker packer = new RamPacker(f, level != null ? level : RamPacker.defaultLevel(f), n);
      long started = System.nanoTime();
      ProgressOptions.Line progress = console.line(err);
      RamPacker.Result r = packer.pack(source, target, (done, total, compressed) -> progress.update(() -> {
        double mb = done * source.span().length() / 1e6;
        return String.format(Locale.ROOT, "heapreel: packed %,d/%,d snapshots (%,.0f MB into %,.1f MB) %.0f MB/s",
            done, total, mb, compressed / 1e6, mb / Math.max((System.nanoTime() - started) / 1e9, 1e-3));
      }));
      progress.finish();
      console.summary(spec.commandLine().getOut()).printf(Locale.ROOT,
          "heapreel: wrote %s: %,d snapshots in %,d block%s of up to %,d, %,.1f MB -> %,.2f MB (%.0fx) in %.1f s%n",
          r.file(), r.snapshots(), r.blocks(), r.blocks() == 1 ? "" : "s", RamPacker.snapshotsPerBlock(source.span()), r.bytes() / 1e6, r.compressedBytes() / 1e6,
          (double) r.bytes() / Math.max(1, r.compressedBytes()), (System.nanoTime() - started) / 1e9);
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
