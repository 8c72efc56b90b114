package io.heapreel.model.capture;

import io.heapreel.model.error.CaptureException;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.UnsupportedOptionsException;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZOutputStream;

/**
 * Writes RAM dumps compressed in blocks of whole snapshots, so that they can be read in parallel
 * and at random ({@link CompressedSnapshotFile}). xz: one stream of many blocks and one index, as
 * {@code xz -T} writes (each block compressed apart as a stream of its own, then joined by {@link
 * XzStreamJoiner}). zstd: a frame per block, with its checksum and size, and zstd's seek table at
 * the end. Blocks are compressed on
 * several threads and written in order, beside the target, which is replaced only when all is
 * written.
 */
public final class RamPacker {
  /** Uncompressed bytes of snapshots per block, about. */
  public static final long BLOCK_BYTES = 8L << 20;

  /** What a pack call reports as it goes. */
  public interface Progress {
    void blockWritten(long snapshotsDone, long snapshots, long compressedBytes);
  }

  public record Result(Path file, RamFormat format, long snapshots, long blocks, long bytes, long compressedBytes) {}

  private final RamFormat format;
  private final int level;
  private final int threads;

  /**
   * @param level xz preset 0..9 or zstd level 1..19
   */
  public RamPacker(RamFormat format, int level, int threads) {
    if (format == RamFormat.RAW) {
      throw new IllegalArgumentException("pack writes xz or zstd");
    }
    if (format == RamFormat.XZ ? level < 0 || level > 9 : level < 1 || level > 19) {
      throw new CaptureException("--level: " + (format == RamFormat.XZ ? "xz takes 0..9" : "zstd takes 1..19") + ", not " + level);
    }
    this.format = format;
    this.level = level;
    this.threads = Math.max(1, threads);
  }

  public static int defaultLevel(RamFormat format) {
    return format == RamFormat.XZ ? 1 : 9;
  }

  /** Whole snapshots per block: about {@link #BLOCK_BYTES}, at least one. */
  public static long snapshotsPerBlock(RamSpan span) {
    return Math.max(1, BLOCK_BYTES / span.length());
  }

  public Result pack(SnapshotFile source, Path target, Progress progress) {
    long perBlock = snapshotsPerBlock(source.span());
    long count = source.count();
    int span = (int) source.span().length();
    Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long compressed = 0;
    long blocks = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
      XzStreamJoiner xzStream = new XzStreamJoiner(out);
      ByteArrayOutputStream seekTable = new ByteArrayOutputStream();
      Deque<Future<byte[]>> pending = new ArrayDeque<>();
      Deque<Long> pendingEnds = new ArrayDeque<>();
      for (long first = 0; first < count || !pending.isEmpty(); ) {
        if (first < count && pending.size() <= threads) {
          int n = (int) Math.min(perBlock, count - first);
          byte[] block = new byte[n * span];
          for (int i = 0; i < n; i++) {
            source.snapshot(first + i).copyTo(block, i * span);
          }
          pending.add(pool.submit(() -> compress(block)));
          first += n;
          pendingEnds.add(first);
          continue;
        }
        byte[] done = pending.remove().get();
        long end = pendingEnds.remove();
        if (format == RamFormat.XZ) {
          compressed += xzStream.add(done);
        } else {
          out.write(done);
          compressed += done.length;
        }
        blocks++;
        if (format == RamFormat.ZSTD) {
          long snapshots = end - (blocks - 1) * perBlock;
          seekTable.write(le(done.length));
          seekTable.write(le((int) (snapshots * span)));
        }
        progress.blockWritten(end, count, compressed);
      }
      if (format == RamFormat.XZ) {
        compressed += xzStream.finish();
      } else {
        byte[] table = seekTable(seekTable.toByteArray(), blocks);
        out.write(table);
        compressed += table.length;
      }
    } catch (IOException e) {
      deleteQuietly(partial);
      throw new CaptureException(partial + ": cannot write (" + e.getMessage() + ")", e);
    } catch (ExecutionException e) {
      deleteQuietly(partial);
      throw new IllegalStateException("compressing a block failed", e.getCause());
    } catch (InterruptedException e) {
      deleteQuietly(partial);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (RuntimeException e) {
      deleteQuietly(partial);
      throw e;
    } finally {
      pool.shutdownNow();
    }
    try {
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      deleteQuietly(partial);
      throw new CaptureException(target + ": cannot move the packed file into place (" + e.getMessage() + ")", e);
    }
    return new Result(target, format, count, blocks, count * span, compressed);
  }

  private byte[] compress(byte[] block) throws IOException {
    if (format == RamFormat.ZSTD) {
      try (ZstdCompressCtx zstd = new ZstdCompressCtx()) {
        zstd.setLevel(level);
        zstd.setChecksum(true);
        zstd.setContentSize(true);
        return zstd.compress(block);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(block.length / 64 + 1024);
    // CRC32, not xz's default CRC64: Java's CRC32 is an intrinsic, while xz-java's CRC64 cost more CPU
    // than the LZMA decoding itself on these dumps (docs/compressed.md); both find damage alike
    try (XZOutputStream xz = new XZOutputStream(out, xzOptions(block.length), XZ.CHECK_CRC32)) {
      xz.write(block);
    }
    return out.toByteArray();
  }

  /** The preset, its dictionary no larger than the block needs (a decoder allocates all of it). */
  private LZMA2Options xzOptions(int blockBytes) throws UnsupportedOptionsException {
    LZMA2Options options = new LZMA2Options(level);
    int dictionary = Math.max(LZMA2Options.DICT_SIZE_MIN, Integer.highestOneBit(Math.max(1, blockBytes - 1)) << 1);
    if (dictionary < options.getDictSize()) {
      options.setDictSize(dictionary);
    }
    return options;
  }

  /** zstd's seekable format: a skippable frame of (compressed, uncompressed) sizes and a footer. */
  private static byte[] seekTable(byte[] entries, long frames) {
    ByteBuffer b = ByteBuffer.allocate(8 + entries.length + ZstdFrames.SEEK_TABLE_FOOTER).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(ZstdFrames.SEEK_TABLE_FRAME).putInt(entries.length + ZstdFrames.SEEK_TABLE_FOOTER);
    b.put(entries);
    b.putInt((int) frames).put((byte) 0).putInt(ZstdFrames.SEEK_TABLE_MAGIC);
    return b.array();
  }

  private static byte[] le(int v) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // best effort: the partial file is named as such
    }
  }
}
