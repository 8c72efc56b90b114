package io.heapreel.cli;

import io.heapreel.model.error.CaptureException;
import picocli.CommandLine.Option;

/** {@code --threads}: how many threads a command that works on this machine uses. */
public final class ThreadsOption {
  @Option(names = "--threads", paramLabel = "N", description = "Threads (default: the number of processors).")
  Integer threads;

  /** The count asked for, else the number of processors; refused below 1. */
  int count() {
    if (threads != null && threads < 1) {
      throw new CaptureException("--threads must be 1 or more, not " + threads);
    }
    return threads != null ? threads : Runtime.getRuntime().availableProcessors();
  }
}
