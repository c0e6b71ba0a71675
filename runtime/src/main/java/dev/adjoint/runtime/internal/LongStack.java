package dev.adjoint.runtime.internal;

import java.util.Arrays;

/** The stack for long values a reverse-mode sweep saves. See {@link DoubleStack}. */
public final class LongStack extends StackTop {
    private long[] values = new long[16];

    private static final ThreadLocal<LongStack> PER_THREAD = ThreadLocal.withInitial(LongStack::new);

    /**
     * The calling thread's stack, shared by every generated method on the thread: each one pops
     * exactly what it pushed before it returns, so nested calls keep the stack in order, and a
     * warmed-up stack costs no allocation per call.
     *
     * @return this thread's stack
     */
    public static LongStack forThisThread() {
        return PER_THREAD.get();
    }

    /**
     * Pushes a value.
     *
     * @param v the value
     */
    public void push(long v) {
        if (size == values.length) values = Arrays.copyOf(values, values.length * 2);
        values[size++] = v;
        reached(size);
    }

    /**
     * Pops the value pushed last.
     *
     * @return the value
     */
    public long pop() {
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
    public long[] array() {
        return values;
    }

    /**
     * Doubles the array (when the local top has reached its length) and returns the new one.
     *
     * @return the new, larger array
     */
    public long[] grow() {
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
    public long[] reserve(int top, long count) {
        long needed = top + count;
        if (needed > values.length) values = Arrays.copyOf(values, capacityFor(values.length, needed));
        return values;
    }
}
