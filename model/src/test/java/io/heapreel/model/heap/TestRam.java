package io.heapreel.model.heap;

import io.heapreel.model.capture.Snapshot;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A RAM image built by hand, block by block, for heap tests whose answers are known by construction. */
final class TestRam {
  private final long start;
  private final ByteBuffer bytes;

  TestRam(long start, int size) {
    this.start = start;
    this.bytes = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  long start() {
    return start;
  }

  long end() {
    return start + bytes.capacity();
  }

  TestRam word(long address, long value, int wordSize) {
    int at = (int) (address - start);
    if (wordSize == 4) {
      bytes.putInt(at, (int) value);
    } else {
      bytes.putLong(at, value);
    }
    return this;
  }

  /** Sets block states from a picture: '.' free, 'h' head, '=' tail, 'm' marked head; block 0 first. */
  TestRam states(HeapArea area, String picture) {
    for (int b = 0; b < picture.length(); b++) {
      int state =
          switch (picture.charAt(b)) {
            case '.' -> BlockState.FREE;
            case 'h' -> BlockState.HEAD;
            case '=' -> BlockState.TAIL;
            case 'm' -> BlockState.MARK;
            default -> throw new IllegalArgumentException("no block state '" + picture.charAt(b) + "'");
          };
      int at = (int) (area.atbStart() - start + b / 4);
      int shift = 2 * (b % 4);
      bytes.put(at, (byte) ((bytes.get(at) & ~(3 << shift)) | (state << shift)));
    }
    return this;
  }

  TestRam finaliser(HeapArea area, int block) {
    int at = (int) (area.ftbStart() - start + block / 8);
    bytes.put(at, (byte) (bytes.get(at) | (1 << (block % 8))));
    return this;
  }

  /** Writes the collector's area descriptor words at {@code address}. */
  TestRam descriptor(long address, HeapArea area) {
    int ws = area.wordSize();
    long a = address;
    word(a, area.atbStart(), ws);
    word(a += ws, area.atbBytes(), ws);
    if (area.hasFinaliser()) {
      word(a += ws, area.ftbStart(), ws);
    }
    if (area.hasWeakrefTable()) {
      word(a += ws, area.wtbStart(), ws);
    }
    word(a += ws, area.poolStart(), ws);
    word(a + ws, area.poolEnd(), ws);
    return this;
  }

  Snapshot snapshot() {
    return new Snapshot(0, start, bytes.duplicate());
  }
}
