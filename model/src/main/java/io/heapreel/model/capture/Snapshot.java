package io.heapreel.model.capture;

import java.nio.ByteBuffer;

/**
 * One RAM dump: a view (no copy) over its part of the mapped {@code ram.bin}, addressed by target
 * address.
 */
public final class Snapshot extends BufferMemory {
  private final long index;

  /** {@code data} holds exactly this snapshot's bytes from position 0; it is not copied. */
  public Snapshot(long index, long ramStart, ByteBuffer data) {
    super(ramStart, data);
    this.index = index;
  }

  public long index() {
    return index;
  }

  public long ramStart() {
    return start();
  }

  public long ramEnd() {
    return end();
  }

  /** Whether every byte is zero (a dump of nothing); reads the whole snapshot, so not for the hot path. */
  public boolean isAllZero() {
    ByteBuffer data = data();
    int n = data.capacity();
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      if (data.getLong(i) != 0) {
        return false;
      }
    }
    for (; i < n; i++) {
      if (data.get(i) != 0) {
        return false;
      }
    }
    return true;
  }

  /** The whole snapshot copied into {@code into} from index {@code at} on. */
  public void copyTo(byte[] into, int at) {
    data().get(0, into, at, length());
  }

  @Override
  public String toString() {
    return "snapshot " + index;
  }
}
