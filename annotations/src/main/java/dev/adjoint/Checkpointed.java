package dev.adjoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the time loop of a {@code @Differentiable} method for checkpointing in reverse mode. It
 * goes on the counter of a {@code for} loop, the one place Java lets an annotation sit on a loop:
 *
 * <pre>{@code
 * for (@Checkpointed int step = 0; step < steps; step++) { ... }
 * }</pre>
 *
 * <p>Without it, the forward sweep keeps what every iteration's backward sweep needs: memory
 * proportional to the number of steps. With it, the forward sweep runs the loop as the primal does
 * and keeps only a snapshot of the loop's state (its carried values, and the contents of the arrays
 * it writes) at the start of every segment of {@link #every()} iterations; the backward sweep
 * restores each segment's snapshot, from the last segment to the first, runs that segment again
 * keeping its own values, and sweeps it backwards. The stacks then hold the snapshots and one
 * segment's values; the loop's primal runs twice.
 *
 * <p>The loop must be a counted loop ({@code i < n}, {@code i <= n}, {@code i > n} or
 * {@code i >= n} with {@code i++} or {@code i--}, the bound fixed before the loop) in the method's
 * body itself, not nested in another loop or a branch, and must call no other method; anything
 * else is a compile error at the loop. Forward mode ({@code mTangent}) stores nothing, so it
 * ignores the annotation.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.LOCAL_VARIABLE)
public @interface Checkpointed {

    /**
     * The iterations between two snapshots. 0 (the default) chooses ⌈√n⌉ at run time for a loop of
     * n iterations, which keeps about 2√n iterations' worth of state and values at a time; a
     * positive value fixes the segment length; a negative one is a compile error.
     *
     * @return the segment length, or 0 for ⌈√n⌉
     */
    int every() default 0;
}
