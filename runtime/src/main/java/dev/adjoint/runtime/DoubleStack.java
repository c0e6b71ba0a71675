package dev.adjoint.runtime;

import java.util.Arrays;

/**
 * The stack on which a reverse-mode forward sweep saves the double values that its backward
 * sweep will need after they have been overwritten (a loop's carried values, one set per
 * iteration). Growable, unsynchronised, one per call of a generated method.
 */
public final class DoubleStack {
  private double[] values = new double[16];
  private int size;
  private int maxSize;

  public void push(double v) {
    if (size == values.length) values = Arrays.copyOf(values, values.length * 2);
    values[size++] = v;
    if (size > maxSize) maxSize = size;
  }

  public double pop() {
    return values[--size];
  }

  public int size() {
    return size;
  }

  /** The most values held at once: what the backward sweep cost in memory, in doubles. */
  public int maxSize() {
    return maxSize;
  }
}
