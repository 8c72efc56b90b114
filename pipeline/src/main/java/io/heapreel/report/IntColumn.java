package io.heapreel.report;

import java.util.Arrays;

/** A growable column of ints (or longs that fit), cheaper than a list of boxed numbers. */
final class IntColumn {
  private int[] values = new int[1024];
  private int size;

  void add(long value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = Math.toIntExact(value);
  }

  void set(int i, int value) {
    if (i >= size) {
      throw new IndexOutOfBoundsException(i);
    }
    values[i] = value;
  }

  int get(int i) {
    return values[i];
  }

  int size() {
    return size;
  }

  int[] toArray() {
    return Arrays.copyOf(values, size);
  }
}
