package io.heapreel.cli;

import io.heapreel.model.open.Capture;
import picocli.CommandLine.Option;

/** {@code --snapshot}: the one snapshot a command looks at. */
public final class SnapshotOption {
  @Option(names = "--snapshot", paramLabel = "N|last|-K", defaultValue = "last", description = "Snapshot index, 'last' (default), or -K for the K-th from the end (-1 is the last).")
  String snapshot;

  /** The index, checked against the capture. */
  long index(Capture capture) {
    return capture.snapshotIndex(snapshot);
  }
}
