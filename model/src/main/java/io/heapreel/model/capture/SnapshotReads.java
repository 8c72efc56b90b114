package io.heapreel.model.capture;

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

  @Override
  void close();
}
