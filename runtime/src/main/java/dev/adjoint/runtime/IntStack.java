package dev.adjoint.runtime;

import java.util.Arrays;

/**
 * The stack for the int, long-free control data of a reverse-mode sweep: loop counters and
 * trip counts, and booleans (as 0 or 1). See {@link DoubleStack}.
 */
public final class IntStack {
  private int[] values = new int[16];
  private int size;
  private int maxSize;

  public void push(int v) {
    if (size == values.length) values = Arrays.copyOf(values, values.length * 2);
    values[size++] = v;
    if (size > maxSize) maxSize = size;
  }

  public void push(boolean b) {
    push(b ? 1 : 0);
  }

  public int pop() {
    return values[--size];
  }

  public boolean popBoolean() {
    return pop() != 0;
  }

  public int size() {
    return size;
  }

  public int maxSize() {
    return maxSize;
  }
}
