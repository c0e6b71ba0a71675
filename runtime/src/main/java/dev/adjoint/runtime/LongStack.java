package dev.adjoint.runtime;

import java.util.Arrays;

/** The stack for long values a reverse-mode sweep saves. See {@link DoubleStack}. */
public final class LongStack {
  private long[] values = new long[16];
  private int size;
  private int highWater;

  private static final ThreadLocal<LongStack> PER_THREAD = ThreadLocal.withInitial(LongStack::new);

  /**
   * The calling thread's stack, shared by every generated method on the thread: each one pops
   * exactly what it pushed before it returns, so nested calls keep the stack in order, and a
   * warmed-up stack costs no allocation per call.
   */
  public static LongStack forThisThread() {
    return PER_THREAD.get();
  }

  public void push(long v) {
    if (size == values.length) values = Arrays.copyOf(values, values.length * 2);
    values[size++] = v;
    if (size > highWater) highWater = size;
  }

  public long pop() {
    return values[--size];
  }

  public int size() {
    return size;
  }

  /** The most values held at once since the last reset: what the backward sweeps cost in memory. */
  public int highWater() {
    return highWater;
  }

  /** Starts measuring {@link #highWater} again from the current size. */
  public void resetHighWater() {
    highWater = size;
  }
}
