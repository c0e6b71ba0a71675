package dev.adjoint.runtime.internal;

/**
 * The arithmetic of a {@code @Checkpointed} loop's segments, which generated code calls: how many
 * iterations lie between two snapshots, how many snapshots a run took, and where a segment that
 * starts at a given counter value stops. Not part of the public API.
 */
public final class Checkpoints {
    private Checkpoints() {}

    /**
     * The iterations between two snapshots of a loop of {@code trips} iterations: {@code every}
     * when positive, else ⌈√trips⌉ (at least 1), which balances the snapshots kept against one
     * segment's saved values.
     *
     * @param trips the loop's trip count (0 or less when it does not run)
     * @param every the segment length asked for, or 0 for ⌈√trips⌉
     * @return the segment length, at least 1
     */
    public static int interval(int trips, int every) {
        if (every > 0) return every;
        if (trips <= 1) return 1;
        int root = (int) Math.sqrt((double) trips);
        while ((long) root * root < trips) root++;
        return root;
    }

    /**
     * The snapshots a run of {@code done} iterations took: one at the start of each segment.
     *
     * @param done the iterations the loop ran
     * @param every the segment length
     * @return ⌈done / every⌉
     */
    public static int segments(int done, int every) {
        return done <= 0 ? 0 : (int) (((long) done + every - 1) / every);
    }

    /**
     * The bound that stops a segment starting at counter value {@code from} after {@code every}
     * iterations, or at the loop's own bound if that comes first, for a loop whose test is
     * {@code counter < bound} ({@code test} 0), {@code <=} (1), {@code >} (2) or {@code >=} (3).
     *
     * @param from the counter's value at the segment's start
     * @param bound the loop's bound
     * @param every the segment length
     * @param test the loop's comparison, as above
     * @return the bound of the segment's test, compared the loop's way
     */
    public static int segmentBound(int from, int bound, int every, int test) {
        return switch (test) {
            case 0 -> (int) Math.min(bound, (long) from + every);
            case 1 -> (int) Math.min(bound, (long) from + every - 1);
            case 2 -> (int) Math.max(bound, (long) from - every);
            default -> (int) Math.max(bound, (long) from - every + 1);
        };
    }
}
