package io.heapreel.model.lifespan;

import io.heapreel.model.gclog.GcLogParser;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * Parse + replay speed of one log inside the JVM (not a test):
 * {@code java -cp model/target/classes:model/target/test-classes io.heapreel.model.lifespan.LogReplayBench LOG [ROUNDS]}.
 * Prints the first round of a fresh JVM and the median and best of the rest, each as wall time
 * and as CPU time of the working thread (which a loaded machine does not inflate).
 */
public final class LogReplayBench {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private LogReplayBench() {}

  private record Round(long wall, long cpu) {}

  public static void main(String[] args) throws Exception {
    Path log = Paths.get(args.length > 0 ? args[0] : "sample-dumps/dev/mylog.txt");
    int rounds = Math.max(2, args.length > 1 ? Integer.parseInt(args[1]) : 30);
    double mb = Files.size(log) / 1e6;
    Round[] replay = new Round[rounds];
    int lifespans = 0;
    for (int i = 0; i < rounds; i++) {
      long wall = System.nanoTime();
      long cpu = THREADS.getCurrentThreadCpuTime();
      lifespans = LogReplay.read(log, SiteRules.MICROPYTHON).lifespans().size();
      replay[i] = new Round(System.nanoTime() - wall, THREADS.getCurrentThreadCpuTime() - cpu);
    }
    Round[] parse = new Round[5];
    for (int i = 0; i < parse.length; i++) {
      long wall = System.nanoTime();
      long cpu = THREADS.getCurrentThreadCpuTime();
      GcLogParser.parse(log, event -> { });
      parse[i] = new Round(System.nanoTime() - wall, THREADS.getCurrentThreadCpuTime() - cpu);
    }
    System.out.printf("%s: %.2f MB, %d lifespans%n", log, mb, lifespans);
    print("parse + replay, first round", new Round[] {replay[0]}, mb);
    print("parse + replay, later rounds", Arrays.copyOfRange(replay, 1, rounds), mb);
    print("parse alone", parse, mb);
  }

  private static void print(String what, Round[] rounds, double mb) {
    long[] wall = Arrays.stream(rounds).mapToLong(Round::wall).sorted().toArray();
    long[] cpu = Arrays.stream(rounds).mapToLong(Round::cpu).sorted().toArray();
    System.out.printf("%-30s wall median %.3f s (best %.3f), cpu median %.3f s (best %.3f) = %.0f MB/s of cpu%n",
        what, wall[wall.length / 2] / 1e9, wall[0] / 1e9, cpu[cpu.length / 2] / 1e9, cpu[0] / 1e9,
        mb / (cpu[cpu.length / 2] / 1e9));
  }
}
