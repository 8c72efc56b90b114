package io.heapreel.model.capture;

import io.heapreel.model.error.CaptureException;
import java.util.Optional;

/**
 * Snapshots read one at a time by index: what a pass needs that is done with each snapshot before
 * it reads the next (the typings of a log replay). Not thread-safe.
 */
public interface SnapshotReads extends AutoCloseable {
  /**
   * Snapshot {@code index}, valid at least until the next call.
   *
   * @throws CaptureException when it cannot be read: the message names the file and the offset
   */
  Snapshot snapshot(long index);

  /**
   * Snapshot {@code index}, or empty when it cannot be read (a damaged block of a compressed file):
   * for the readers that sample snapshots on opening, whose damage is reported where the snapshot
   * is decoded.
   */
  default Optional<Snapshot> readable(long index) {
    try {
      return Optional.of(snapshot(index));
    } catch (CaptureException damaged) {
      return Optional.empty();
    }
  }

  @Override
  void close();
}
