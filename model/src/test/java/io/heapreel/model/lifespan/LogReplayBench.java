package io.heapreel.model.lifespan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * Parse + replay speed of one log inside a warm JVM (not a test):
 * {@code java -cp model/target/classes:model/target/test-classes io.heapreel.model.lifespan.LogReplayBench LOG [ROUNDS]}.
 * Prints the first (cold) round, then the median and best of the rest.
 */
public final class LogReplayBench {
  private LogReplayBench() {}

  public static void main(String[] args) throws Exception {
    Path log = Paths.get(args.length > 0 ? args[0] : "../shared/captures/dev/mylog.txt");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    double mb = Files.size(log) / 1e6;
    long[] nanos = new long[rounds];
    long lifespans = 0;
    for (int i = 0; i < rounds; i++) {
      long t = System.nanoTime();
      LogReplay r = LogReplay.read(log, SiteRules.MICROPYTHON);
      nanos[i] = System.nanoTime() - t;
      lifespans += r.lifespans().size();
    }
    long cold = nanos[0];
    long[] warm = Arrays.copyOfRange(nanos, 1, rounds);
    Arrays.sort(warm);
    System.out.printf("%s: %.2f MB, %d lifespans per round%n", log, mb, lifespans / rounds);
    System.out.printf("first round %.3f s (%.0f MB/s)%n", cold / 1e9, mb / (cold / 1e9));
    System.out.printf("warm median %.3f s (%.0f MB/s), best %.3f s%n",
        warm[warm.length / 2] / 1e9, mb / (warm[warm.length / 2] / 1e9), warm[0] / 1e9);
  }
}
