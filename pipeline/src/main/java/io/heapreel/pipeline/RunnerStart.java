package io.heapreel.pipeline;

import io.heapreel.model.error.CaptureException;
import java.io.IOException;
import java.util.ServiceConfigurationError;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Starting and stopping the Beam runner. A runner whose classes are only partly in the jar (the
 * Flink runner without Flink) fails with a {@link LinkageError}, which is the user's to fix, not
 * our bug; and the runner's worker threads (the DirectRunner's are not daemon threads) must not
 * outlive a run that failed on the launcher's side, or the JVM never exits.
 */
public final class RunnerStart {
  private RunnerStart() {}

  static Pipeline create(PipelineOptions options) {
    try {
      return Pipeline.create(options);
    } catch (LinkageError | ServiceConfigurationError e) {
      throw unavailable(options.getRunner().getSimpleName(), e);
    }
  }

  static PipelineResult run(Pipeline pipeline, PipelineOptions options) {
    try {
      return pipeline.run();
    } catch (LinkageError | ServiceConfigurationError e) {
      throw unavailable(options.getRunner().getSimpleName(), e);
    }
  }

  /** Cancels a pipeline that has not ended (the launcher failed while following it); a no-op for one that has. */
  static void stop(PipelineResult result) {
    PipelineResult.State state = result.getState();
    if (state != null && state.isTerminal()) {
      return;
    }
    try {
      result.cancel();
    } catch (IOException | RuntimeException e) {
      // the launcher's failure is what the user needs to see; a runner that cannot cancel has nothing to add
    }
  }

  /** How to get a runner this jar cannot start. */
  public static String howToGet(String runner) {
    return runner.startsWith("Flink")
        ? "this jar holds the DirectRunner only: build one with the Flink runner by mvn -Pflink -DskipTests package (docs/runners.md)"
        : "this jar holds the DirectRunner only, and the FlinkRunner when built by mvn -Pflink -DskipTests package (docs/runners.md)";
  }

  private static CaptureException unavailable(String runner, Throwable e) {
    return new CaptureException(
        "runner " + runner + " cannot start, its classes are not all in this jar (" + e.getMessage() + " is missing); " + howToGet(runner), e);
  }
}
