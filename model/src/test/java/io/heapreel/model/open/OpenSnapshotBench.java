package io.heapreel.model.open;

import io.heapreel.model.capture.Snapshot;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What {@code inspect --snapshot N} costs before it decodes, inside one JVM (not a test): open a
 * capture (symbols, heap, the RAM file's index, the first and last snapshot) and read snapshot N,
 * for each capture folder given (ram.bin, ram.bin.xz or ram.bin.zst).
 * {@code java -cp pipeline/target/heapreel.jar:model/target/test-classes
 * io.heapreel.model.open.OpenSnapshotBench N ROUNDS DIR...}. Prints the first round of the JVM
 * and min/median/max of the others, as wall time and as CPU time of the thread.
 */
public final class OpenSnapshotBench {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private OpenSnapshotBench() {}

  public static void main(String[] args) {
    long snapshot = Long.parseLong(args[0]);
    int rounds = Math.max(2, Integer.parseInt(args[1]));
    for (int d = 2; d < args.length; d++) {
      Path folder = Path.of(args[d]);
      long[] wall = new long[rounds];
      long[] cpu = new long[rounds];
      String file = "";
      long objects = 0;
      for (int i = 0; i < rounds; i++) {
        long w = System.nanoTime();
        long c = THREADS.getCurrentThreadCpuTime();
        try (Capture capture = Capture.open(folder)) {
          Snapshot s = capture.snapshots().snapshot(snapshot);
          byte[] bytes = new byte[(int) s.length()];
          s.copyTo(bytes, 0);
          java.util.zip.CRC32 crc = new java.util.zip.CRC32();
          crc.update(bytes);
          objects = crc.getValue();
          file = capture.snapshots().name();
        }
        wall[i] = System.nanoTime() - w;
        cpu[i] = THREADS.getCurrentThreadCpuTime() - c;
      }
      System.out.printf("%s, snapshot %d: first %s; then %s (%d rounds; CRC-32 of the snapshot %08x)%n", file, snapshot, ms(wall[0], cpu[0]),
          spread(Arrays.copyOfRange(wall, 1, rounds), Arrays.copyOfRange(cpu, 1, rounds)), rounds - 1, objects);
    }
  }

  private static String ms(long wall, long cpu) {
    return String.format("%.1f ms wall, %.1f ms cpu", wall / 1e6, cpu / 1e6);
  }

  private static String spread(long[] wall, long[] cpu) {
    Arrays.sort(wall);
    Arrays.sort(cpu);
    int n = wall.length;
    return String.format("wall %.1f / %.1f / %.1f ms, cpu %.1f / %.1f / %.1f ms (min / median / max)",
        wall[0] / 1e6, wall[n / 2] / 1e6, wall[n - 1] / 1e6, cpu[0] / 1e6, cpu[n / 2] / 1e6, cpu[n - 1] / 1e6);
  }
}
