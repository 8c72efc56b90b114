package io.heapreel.cli;

import io.heapreel.model.render.FrameSelection;
import io.heapreel.pipeline.RunSettings;
import picocli.CommandLine.Option;

/** {@code --frame-every} and {@code --frame-range}: the snapshots that get a frame. */
public final class FrameRangeOptions {
  @Option(names = "--frame-every", paramLabel = "N", defaultValue = RunSettings.DEFAULT_FRAME_EVERY, description = "Frames of every N-th snapshot of the range (default: ${DEFAULT-VALUE}).")
  long every;

  @Option(names = "--frame-range", paramLabel = "A-B", description = "Frames of snapshots A to B inclusive (default: all); 'A-' runs to the last.")
  String range;

  FrameSelection select(long snapshots) {
    return FrameSelection.parse(range, every, snapshots);
  }
}
