package io.heapreel.model.objects;

import io.heapreel.model.open.Capture;
import io.heapreel.model.capture.SnapshotFile;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

/**
 * Measures the object level over every snapshot of a capture: typing plus the reference graph
 * (with roots and reachability), and the full inspection with names, previews and keys.
 *
 * <pre>java -cp pipeline/target/heapreel.jar io.heapreel.model.objects.ObjectBench CAPTURE_DIR [ROUNDS]</pre>
 *
 * The first round warms the JIT up and is not counted. Wall time and this thread's CPU time are
 * both shown: on a shared machine the CPU time is the figure to compare.
 */
public final class ObjectBench {
  private ObjectBench() {}

  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: ObjectBench CAPTURE_DIR [ROUNDS]");
      System.exit(2);
    }
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    try (Capture capture = Capture.open(Path.of(args[0]))) {
      ObjectInspector inspector = ObjectInspector.of(capture);
      SnapshotFile snapshots = capture.snapshots();
      long n = snapshots.count();
      long sink = 0;
      ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
      for (int round = 0; round <= rounds; round++) {
        long t0 = System.nanoTime();
        long c0 = cpu.getCurrentThreadCpuTime();
        for (long i = 0; i < n; i++) {
          ObjectInspector.Analysis a = inspector.analyze(snapshots.snapshot(i));
          sink += a.graph().references() + a.types().known();
        }
        long t1 = System.nanoTime();
        long c1 = cpu.getCurrentThreadCpuTime();
        for (long i = 0; i < n; i++) {
          sink += inspector.inspect(snapshots.snapshot(i)).objects().size();
        }
        long t2 = System.nanoTime();
        long c2 = cpu.getCurrentThreadCpuTime();
        if (round > 0) {
          System.out.printf(
              "round %d, %d snapshots: types + references + roots + reachability %.1f us/snapshot (cpu %.1f);"
                  + " full inspection %.1f us/snapshot (cpu %.1f)%n",
              round, n, (t1 - t0) / 1e3 / n, (c1 - c0) / 1e3 / n, (t2 - t1) / 1e3 / n, (c2 - c1) / 1e3 / n);
        }
      }
      System.out.println("(checksum " + sink + ")");
    }
  }
}
