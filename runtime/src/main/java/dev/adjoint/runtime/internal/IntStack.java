package dev.adjoint.runtime.internal;

import java.util.Arrays;

/**
 * The stack for the int, long-free control data of a reverse-mode sweep: loop counters and
 * trip counts, and booleans (as 0 or 1). See {@link DoubleStack}.
 */
public final class IntStack extends StackTop {
  private int[] values = new int[16];

  private static final ThreadLocal<IntStack> PER_THREAD = ThreadLocal.withInitial(IntStack::new);

  /**
   * The calling thread's stack, shared by every generated method on the thread: each one pops
   * exactly what it pushed before it returns, so nested calls keep the stack in order, and a
   * warmed-up stack costs no allocation per call.
   */
  public static IntStack forThisThread() {
    return PER_THREAD.get();
  }

  public void push(int v) {
    if (size == values.length) values = Arrays.copyOf(values, values.length * 2);
    values[size++] = v;
    reached(size);
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

  // ---- the generated code's fast path: it keeps the top in a local and writes into the array

  /**
   * The array the values live in, from index 0 to {@link #size()}. Generated code pushes with
   * {@code if (top == tape.length) tape = stack.grow(); tape[top++] = v;} and pops with {@code
   * tape[--top]}, keeping {@code top} in a local variable: no field is read or written per value.
   */
  public int[] array() {
    return values;
  }

  /** Doubles the array (when the local top has reached its length) and returns the new one. */
  public int[] grow() {
    values = Arrays.copyOf(values, values.length * 2);
    return values;
  }

  /**
   * Makes room for {@code count} more values above {@code top} and returns the array: generated
   * code calls it before a counted loop, whose pushes then need no check. A negative count
   * (a loop that will not run) reserves nothing.
   */
  public int[] reserve(int top, long count) {
    long needed = top + count;
    if (needed > values.length) values = Arrays.copyOf(values, capacityFor(values.length, needed));
    return values;
  }

  /** Saves a whole int array (its elements, then its length). */
  public void pushAll(int[] a) {
    if (a == null) {
      push(-1);
      return;
    }
    for (int v : a) push(v);
    push(a.length);
  }

  /** Takes back an array saved by {@link #pushAll(int[])}, as a new array. */
  public int[] popArray() {
    int n = pop();
    if (n < 0) return null;
    int[] a = new int[n];
    for (int i = a.length - 1; i >= 0; i--) a[i] = pop();
    return a;
  }
}
