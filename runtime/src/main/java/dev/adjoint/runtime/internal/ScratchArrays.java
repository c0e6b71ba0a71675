package dev.adjoint.runtime.internal;

import java.util.Arrays;

/**
 * Zero-filled {@code double[]} arrays that a generated reverse-mode method borrows for the
 * adjoints of its own local arrays and gives back before it returns, so that a call allocates
 * nothing for them once the thread has made a few calls. One per thread, like the stacks.
 *
 * <p>An array given back is handed out again only to a later borrower on the same thread, zeroed;
 * a method that throws simply never gives its arrays back (they are garbage, nothing else). At
 * most {@link #KEPT} arrays are kept, so calls with ever new lengths cannot make it grow without
 * bound.
 *
 * <p>Arrays of at most {@link #SMALL} elements are never kept: a new one costs less than the
 * look-up, the search and the zeroing (the JIT allocates it from the thread's buffer, or not at all
 * when it does not escape). A Jacobian of a small residual borrows several such arrays per row,
 * and looking them up here took about a third of its time.
 */
public final class ScratchArrays {
    /** How many arrays given back are kept for later calls; the rest are left to the collector. */
    public static final int KEPT = 64;

    /** Arrays of at most this many elements are made new and never kept. */
    public static final int SMALL = 16;

    private static final ThreadLocal<ScratchArrays> PER_THREAD = ThreadLocal.withInitial(ScratchArrays::new);

    private final double[][] kept = new double[KEPT][];
    private int count;

    /**
     * The calling thread's arrays, shared by every generated method on the thread.
     *
     * @return this thread's instance
     */
    public static ScratchArrays forThisThread() {
        return PER_THREAD.get();
    }

    /**
     * A zero-filled array of {@code length} elements: one given back earlier if one has that length, else a new one
     * (always a new one of at most {@link #SMALL} elements).
     *
     * @param length the array's length, zero or more
     * @return an array of zeros
     */
    public double[] zeros(int length) {
        if (length <= SMALL) return new double[length];
        for (int k = count - 1; k >= 0; k--) {
            double[] a = kept[k];
            if (a.length == length) {
                kept[k] = kept[--count];
                kept[count] = null;
                Arrays.fill(a, 0.0);
                return a;
            }
        }
        return new double[length];
    }

    /**
     * Gives back an array from {@link #zeros} that nothing reads any more (one of at most {@link #SMALL} elements is
     * left to the collector).
     *
     * @param array an array from {@link #zeros}; the caller no longer uses it
     */
    public void giveBack(double[] array) {
        if (array.length > SMALL && count < KEPT) kept[count++] = array;
    }

    /**
     * How many arrays are kept for later calls (for tests).
     *
     * @return the number of arrays kept
     */
    public int kept() {
        return count;
    }
}
