package dev.adjoint.runtime.internal;

/**
 * What {@link DoubleStack}, {@link IntStack} and {@link LongStack} share: their size and the
 * bookkeeping of the most they held. Each keeps its own primitive array (a generic one would
 * box every value).
 */
abstract class StackTop {
    int size;
    private int highWater;

    /**
     * The number of values on the stack.
     *
     * @return the size
     */
    public int size() {
        return size;
    }

    /**
     * Makes {@code size} the stack's size: generated code tells the stack its local top before it
     * calls another generated method (which starts from {@link #size()}) and before it returns.
     *
     * @param size the new size, at most the array's length
     */
    public void setSize(int size) {
        this.size = size;
    }

    /**
     * Records that the stack held {@code size} values (for {@link #highWater()}).
     *
     * @param size a size the stack held
     */
    public void reached(int size) {
        if (size > highWater) highWater = size;
    }

    /**
     * The most values held at once since the last reset: what the backward sweeps cost in memory.
     *
     * @return the high-water mark
     */
    public int highWater() {
        return highWater;
    }

    /** Starts measuring {@link #highWater} again from the current size. */
    public void resetHighWater() {
        highWater = size;
    }

    /** The length to grow an array of {@code length} to so that it holds {@code needed} values. */
    static int capacityFor(int length, long needed) {
        if (needed > Integer.MAX_VALUE - 8)
            throw new OutOfMemoryError("a reverse sweep would save " + needed + " values");
        return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * length));
    }
}
