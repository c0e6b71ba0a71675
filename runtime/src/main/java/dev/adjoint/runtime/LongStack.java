package dev.adjoint.runtime;

import java.util.Arrays;

/** The stack for long values a reverse-mode sweep saves. See {@link DoubleStack}. */
public final class LongStack {
  private long[] values = new long[16];
  private int size;
  private int maxSize;

  public void push(long v) {
    if (size == values.length) values = Arrays.copyOf(values, values.length * 2);
    values[size++] = v;
    if (size > maxSize) maxSize = size;
  }

  public long pop() {
    return values[--size];
  }

  public int size() {
    return size;
  }

  public int maxSize() {
    return maxSize;
  }
}
