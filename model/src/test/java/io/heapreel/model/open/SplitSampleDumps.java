package io.heapreel.model.open;

import io.heapreel.model.testing.RealCaptures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tukaani.xz.XZInputStream;

/** The first dumps of sample-dumps/mps2-an385-split with its firmware, in a folder of their own: for tests that damage them. */
final class SplitSampleDumps {
  /** Bytes of one dump: the sample's RAM span. */
  static final int DUMP = 50_248;

  private SplitSampleDumps() {}

  /** {@code dumps} dumps (the descriptors are set up before the first) and firmware.elf in {@code dir}/capture. */
  static Path firstDumps(Path dir, int dumps) throws IOException {
    Path source = RealCaptures.sampleFolder("mps2-an385-split");
    Path folder = Files.createDirectories(dir.resolve("capture"));
    Files.copy(source.resolve("firmware.elf"), folder.resolve("firmware.elf"));
    try (InputStream in = new XZInputStream(Files.newInputStream(source.resolve("ram.bin.xz")))) {
      Files.write(folder.resolve("ram.bin"), in.readNBytes(dumps * DUMP));
    }
    return folder;
  }
}
