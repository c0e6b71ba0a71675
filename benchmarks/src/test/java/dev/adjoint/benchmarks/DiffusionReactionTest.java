package dev.adjoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.runtime.GradientCheck;
import dev.adjoint.runtime.internal.DoubleStack;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The diffusion–reaction solver of issue 17, written independently: the hand-written gradient
 * against finite differences, Adjoint's gradient of both versions (new state copied back, buffers
 * swapped) against finite differences and against the hand-written gradient, and what the
 * stacks hold per step.
 */
class DiffusionReactionTest {

    @Test
    void handGradientAgainstFiniteDifferences() {
        for (int[] s : new int[][] {{5, 0}, {6, 1}, {12, 7}, {20, 40}}) {
            DiffusionReaction.Data p = DiffusionReaction.Data.of(s[0], s[1]);
            double[] g = hand(p);
            assertEquals(p.copyBack(), g[g.length - 1], 1e-13);
            GradientCheck.gradient(w -> p.loss(w, false), p.all(), java.util.Arrays.copyOf(g, g.length - 1))
                    .assertPassed();
        }
    }

    @Test
    void adjointAgainstFiniteDifferencesAndTheHandWrittenGradient() {
        for (int[] s : new int[][] {{5, 0}, {6, 1}, {12, 7}, {20, 40}, {400, 2000}}) {
            DiffusionReaction.Data p = DiffusionReaction.Data.of(s[0], s[1]);
            double[] hand = hand(p);
            var c = DiffusionReactionGrad.copyBack(p.u0(), p.d(), p.r(), p.target(), p.steps(), p.dt(), p.dx());
            var w = DiffusionReactionGrad.swapped(p.u0(), p.d(), p.r(), p.target(), p.steps(), p.dt(), p.dx());
            double[] copyBack = flat(c.du0(), c.dd(), c.dr(), c.value());
            double[] swapped = flat(w.du0(), w.dd(), w.dr(), w.value());
            for (int i = 0; i < hand.length; i++) {
                double tolerance = 1e-10 * (1 + Math.abs(hand[i]));
                assertEquals(hand[i], copyBack[i], tolerance, "copy-back, component " + i);
                assertEquals(hand[i], swapped[i], tolerance, "swapped, component " + i);
            }
            if (s[0] <= 20) {
                double[] g = java.util.Arrays.copyOf(copyBack, copyBack.length - 1);
                GradientCheck.gradient(x -> p.loss(x, false), p.all(), g).assertPassed();
                GradientCheck.gradient(x -> p.loss(x, true), p.all(), java.util.Arrays.copyOf(swapped, g.length))
                        .assertPassed();
            }
        }
    }

    /**
     * Doubles the reverse mode's stacks hold per Euler step of 400 cells, against the n = 400 the
     * hand-written gradient keeps (its trajectory). The stencil's reads {@code u[i - 1]}, {@code
     * u[i]}, {@code u[i + 1]} read a copy of {@code u} made once per step ({@code ReadsSavedOnce}),
     * saved whole: its n elements and its length. The swapped version saves the copy of the
     * phase's state and, for the other phase's branch, a null (one double); its int stack holds the
     * phase. Was 3 (n - 2) = 1,194 and 1,198, one double per read.
     */
    @Test
    void stackDoublesPerStep() {
        int n = 400;
        DiffusionReaction.Data p = DiffusionReaction.Data.of(n, 200);
        long copyBack = doublesPerStep(
                p, () -> DiffusionReactionGrad.copyBack(p.u0(), p.d(), p.r(), p.target(), p.steps(), p.dt(), p.dx()));
        long swapped = doublesPerStep(
                p, () -> DiffusionReactionGrad.swapped(p.u0(), p.d(), p.r(), p.target(), p.steps(), p.dt(), p.dx()));
        System.out.printf(
                "diffusion-reaction, %d cells: stack doubles per step: copy-back %d, swapped %d, hand-written %d%n",
                n, copyBack, swapped, n);
        assertEquals(n + 1L, copyBack);
        assertEquals(n + 2L, swapped);
    }

    private static long doublesPerStep(DiffusionReaction.Data p, Supplier<?> reverse) {
        DoubleStack doubles = DoubleStack.forThisThread();
        doubles.resetHighWater();
        int before = doubles.size();
        reverse.get();
        assertEquals(before, doubles.size(), "every push popped");
        long held = doubles.highWater() - before;
        assertEquals(0, held % p.steps(), "the same every step");
        return held / p.steps();
    }

    /** The hand-written gradient as {∂/∂u0..., ∂/∂D, ∂/∂r, value}. */
    private static double[] hand(DiffusionReaction.Data p) {
        int n = p.u0().length;
        double[] gradU0 = new double[n];
        double[] r = DiffusionReaction.handGradient(
                p.u0(),
                p.d(),
                p.r(),
                p.target(),
                p.steps(),
                p.dt(),
                p.dx(),
                gradU0,
                new double[DiffusionReaction.trajectoryLength(n, p.steps())],
                new double[n]);
        double[] all = java.util.Arrays.copyOf(gradU0, n + 3);
        all[n] = r[1];
        all[n + 1] = r[2];
        all[n + 2] = r[0];
        return all;
    }

    private static double[] flat(double[] du0, double dd, double dr, double value) {
        double[] all = java.util.Arrays.copyOf(du0, du0.length + 3);
        all[du0.length] = dd;
        all[du0.length + 1] = dr;
        all[du0.length + 2] = value;
        return all;
    }
}
