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
     *
     * @return this thread's stack
     */
    public static IntStack forThisThread() {
        return PER_THREAD.get();
    }

    /**
     * Pushes a value.
     *
     * @param v the value
     */
    public void push(int v) {
        if (size == values.length) values = Arrays.copyOf(values, values.length * 2);
        values[size++] = v;
        reached(size);
    }

    /**
     * Pushes a boolean, as 1 or 0.
     *
     * @param b the value
     */
    public void push(boolean b) {
        push(b ? 1 : 0);
    }

    /**
     * Pops the value pushed last.
     *
     * @return the value
     */
    public int pop() {
        return values[--size];
    }

    /**
     * Pops a boolean pushed by {@link #push(boolean)}.
     *
     * @return the value
     */
    public boolean popBoolean() {
        return pop() != 0;
    }

    // ---- the generated code's fast path: it keeps the top in a local and writes into the array

    /**
     * The array the values live in, from index 0 to {@link #size()}. Generated code pushes with
     * {@code if (top == tape.length) tape = stack.grow(); tape[top++] = v;} and pops with {@code
     * tape[--top]}, keeping {@code top} in a local variable: no field is read or written per value.
     *
     * @return the backing array
     */
    public int[] array() {
        return values;
    }

    /**
     * Doubles the array (when the local top has reached its length) and returns the new one.
     *
     * @return the new, larger array
     */
    public int[] grow() {
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
    public int[] reserve(int top, long count) {
        long needed = top + count;
        if (needed > values.length) values = Arrays.copyOf(values, capacityFor(values.length, needed));
        return values;
    }

    /**
     * Saves a whole int array (its elements, then its length).
     *
     * @param a the array
     */
    public void pushAll(int[] a) {
        if (a == null) {
            push(-1);
            return;
        }
        for (int v : a) push(v);
        push(a.length);
    }

    /**
     * Takes back an array saved by {@link #pushAll(int[])}, as a new array.
     *
     * @return the array
     */
    public int[] popArray() {
        int n = pop();
        if (n < 0) return null;
        int[] a = new int[n];
        for (int i = a.length - 1; i >= 0; i--) a[i] = pop();
        return a;
    }
}
