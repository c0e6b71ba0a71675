package dev.adjoint.benchmarks;

import dev.adjoint.runtime.internal.DoubleStack;
import dev.adjoint.runtime.internal.IntStack;

/**
 * The reverse mode's stacks at their fullest during one gradient call: bytes of doubles and ints
 * held at the peak ({@code highWater()}), less what they held before. Every push is checked popped.
 */
public final class StackPeaks {
    private StackPeaks() {}

    /** The peak bytes the stacks held while {@code gradient} ran. */
    public static long bytes(Runnable gradient) {
        DoubleStack doubles = DoubleStack.forThisThread();
        IntStack ints = IntStack.forThisThread();
        doubles.resetHighWater();
        ints.resetHighWater();
        int doublesBefore = doubles.size(), intsBefore = ints.size();
        gradient.run();
        if (doubles.size() != doublesBefore || ints.size() != intsBefore)
            throw new IllegalStateException("a push was not popped");
        return 8L * (doubles.highWater() - doublesBefore) + 4L * (ints.highWater() - intsBefore);
    }
}
