package io.heapreel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.junit.jupiter.api.Test;

/** A pipeline the launcher gives up on leaves none of the runner's threads (they are not daemon threads) behind. */
class RunnerStartTest {
  private static final long WAIT_MILLIS = 30_000;

  @Test
  void stopEndsTheRunnersThreadsOfAPipelineStillRunning() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    DirectOptions options = PipelineOptionsFactory.create().as(DirectOptions.class);
    options.setBlockOnRun(false);
    Pipeline pipeline = Pipeline.create(options);
    pipeline.apply(Create.of(1)).apply(ParDo.of(new Sleep()));
    PipelineResult result = pipeline.run();
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (!sleeping() && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertThat(sleeping()).as("a runner's thread in the DoFn").isTrue();
    assertThat(started(before)).as("the runner's own threads while it runs").isNotEmpty();
    assertThat(result.getState().isTerminal()).isFalse();

    RunnerStart.stop(result);

    while (!started(before).isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertThat(started(before)).as("non-daemon threads the run started that are still alive").isEmpty();
  }

  @Test
  void stopLeavesAFinishedPipelineAlone() {
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    pipeline.apply(Create.of(1));
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    RunnerStart.stop(result);
    assertThat(result.getState()).isEqualTo(PipelineResult.State.DONE);
  }

  private static boolean sleeping() {
    return Thread.getAllStackTraces().values().stream()
        .anyMatch(stack -> java.util.Arrays.stream(stack).anyMatch(f -> f.getClassName().equals(Sleep.class.getName())));
  }

  private static Set<String> started(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t) && t.isAlive() && !t.isDaemon())
        .map(Thread::getName)
        .collect(Collectors.toSet());
  }

  private static final class Sleep extends DoFn<Integer, Integer> {
    @ProcessElement
    public void process(@Element Integer i) throws InterruptedException {
      Thread.sleep(600_000);
    }
  }
}
