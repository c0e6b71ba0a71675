package dev.adjoint.runtime.internal;

import java.util.Arrays;

/**
 * The stack on which a reverse-mode forward sweep saves the double values that its backward
 * sweep will need after they have been overwritten (a loop's carried values, one set per
 * iteration). Growable, unsynchronised, one per thread ({@link #forThisThread()}), shared by the generated
 * methods the thread runs.
 */
public final class DoubleStack extends StackTop {
    private double[] values = new double[16];

    private static final ThreadLocal<DoubleStack> PER_THREAD = ThreadLocal.withInitial(DoubleStack::new);

    /**
     * The calling thread's stack, shared by every generated method on the thread: each one pops
     * exactly what it pushed before it returns, so nested calls keep the stack in order, and a
     * warmed-up stack costs no allocation per call.
     *
     * @return this thread's stack
     */
    public static DoubleStack forThisThread() {
        return PER_THREAD.get();
    }

    /**
     * Pushes a value.
     *
     * @param v the value
     */
    public void push(double v) {
        if (size == values.length) values = Arrays.copyOf(values, values.length * 2);
        values[size++] = v;
        reached(size);
    }

    /**
     * Pops the value pushed last.
     *
     * @return the value
     */
    public double pop() {
        return values[--size];
    }

    // ---- the generated code's fast path: it keeps the top in a local and writes into the array

    /**
     * The array the values live in, from index 0 to {@link #size()}. Generated code pushes with
     * {@code if (top == tape.length) tape = stack.grow(); tape[top++] = v;} and pops with {@code
     * tape[--top]}, keeping {@code top} in a local variable: no field is read or written per value.
     *
     * @return the backing array
     */
    public double[] array() {
        return values;
    }

    /**
     * Doubles the array (when the local top has reached its length) and returns the new one.
     *
     * @return the new, larger array
     */
    public double[] grow() {
        values = Arrays.copyOf(values, values.length * 2);
        return values;
    }

    /**
     * Makes room for {@code count} more values above {@code top} and returns the array: generated
     * code calls it before a counted loop, whose pushes then need no check. A negative count
     * (a loop that will not run) reserves nothing.
     *
     * @param top the local top: the number of values in use
     * @param count how many values the loop pushes
     * @return the array, with room for {@code top + count} values
     */
    public double[] reserve(int top, long count) {
        long needed = top + count;
        if (needed > values.length) values = Arrays.copyOf(values, capacityFor(values.length, needed));
        return values;
    }

    /**
     * Saves a whole array (its elements, then its length; null as length -1): a copy a loop made
     * of an array that changes later, or nothing on the path where the copy was not made.
     *
     * @param a the array, or null
     */
    public void pushAll(double[] a) {
        if (a == null) {
            push(-1);
            return;
        }
        reserve(size, a.length + 1L);
        System.arraycopy(a, 0, values, size, a.length);
        size += a.length;
        push(a.length);
    }

    /**
     * Takes back an array saved by {@link #pushAll(double[])}, as a new array (or null).
     *
     * @return the array, or null
     */
    public double[] popArray() {
        int n = (int) pop();
        if (n < 0) return null;
        size -= n;
        return Arrays.copyOfRange(values, size, size + n);
    }

    /**
     * Saves a whole matrix, row by row, then its number of rows (null as -1).
     *
     * @param m the matrix, or null
     */
    public void pushAll(double[][] m) {
        if (m == null) {
            push(-1);
            return;
        }
        for (double[] row : m) pushAll(row);
        push(m.length);
    }

    /**
     * Takes back a matrix saved by {@link #pushAll(double[][])} (or null).
     *
     * @return the matrix, or null
     */
    public double[][] popMatrix() {
        int n = (int) pop();
        if (n < 0) return null;
        double[][] m = new double[n][];
        for (int i = m.length - 1; i >= 0; i--) m[i] = popArray();
        return m;
    }
}
