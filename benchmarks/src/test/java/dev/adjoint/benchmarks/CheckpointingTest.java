package dev.adjoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.GradientCheck;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@code @Checkpointed} time loops in the benchmarks' solvers: the diffusion–reaction solver (400
 * cells, 2,000 steps; copy-back and swapped buffers) and Lotka–Volterra over 10⁶ Euler steps, each
 * against the unmarked loop's gradient to 1e-10 and against finite differences; and the stacks'
 * peak, which grows like √steps instead of like steps.
 */
class CheckpointingTest {

    @Test
    void diffusionReactionGradientsAreTheUnmarkedOnes() {
        for (int[] s : new int[][] {{5, 0}, {6, 1}, {12, 7}, {20, 40}, {400, 2000}}) {
            DiffusionReaction.Data p = DiffusionReaction.Data.of(s[0], s[1]);
            var c = DiffusionReactionGrad.copyBack(p.u0(), p.d(), p.r(), p.target(), p.steps(), p.dt(), p.dx());
            var w = DiffusionReactionGrad.swapped(p.u0(), p.d(), p.r(), p.target(), p.steps(), p.dt(), p.dx());
            var cc = DiffusionReactionCheckpointedGrad.copyBack(
                    p.u0(), p.d(), p.r(), p.target(), p.steps(), p.dt(), p.dx());
            var cw = DiffusionReactionCheckpointedGrad.swapped(
                    p.u0(), p.d(), p.r(), p.target(), p.steps(), p.dt(), p.dx());
            double[] copyBack = flat(c.du0(), c.dd(), c.dr(), c.value());
            double[] swapped = flat(w.du0(), w.dd(), w.dr(), w.value());
            double[] checkpointedCopyBack = flat(cc.du0(), cc.dd(), cc.dr(), cc.value());
            double[] checkpointedSwapped = flat(cw.du0(), cw.dd(), cw.dr(), cw.value());
            for (int i = 0; i < copyBack.length; i++) {
                assertEquals(
                        copyBack[i], checkpointedCopyBack[i], 1e-10 * (1 + Math.abs(copyBack[i])), "copy-back " + i);
                assertEquals(swapped[i], checkpointedSwapped[i], 1e-10 * (1 + Math.abs(swapped[i])), "swapped " + i);
            }
            if (s[0] <= 20) {
                int n = copyBack.length - 1;
                GradientCheck.gradient(x -> loss(p, x, false), p.all(), Arrays.copyOf(checkpointedCopyBack, n))
                        .assertPassed();
                GradientCheck.gradient(x -> loss(p, x, true), p.all(), Arrays.copyOf(checkpointedSwapped, n))
                        .assertPassed();
            }
        }
    }

    @Test
    void lotkaVolterraOverAMillionStepsIsTheUnmarkedGradient() {
        double[] rates = LotkaVolterra.rates();
        for (int steps : new int[] {0, 1, 3, 100, 12_345, LotkaVolterra.STEPS}) {
            var plain = LotkaVolterraGrad.plain(rates, 10, 5, steps, LotkaVolterra.H);
            var marked = LotkaVolterraGrad.checkpointed(rates, 10, 5, steps, LotkaVolterra.H);
            assertEquals(plain.value(), marked.value(), 0, "the value is the primal's, " + steps + " steps");
            double[] a = all(plain.drates(), plain.dx0(), plain.dy0());
            double[] b = all(marked.drates(), marked.dx0(), marked.dy0());
            for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-10 * (1 + Math.abs(a[i])), steps + ": " + i);
        }
        var marked = LotkaVolterraGrad.checkpointed(rates, 10, 5, LotkaVolterra.STEPS, LotkaVolterra.H);
        double[] w = all(rates, 10, 5);
        GradientCheck.gradient(
                        x -> LotkaVolterra.plain(Arrays.copyOf(x, 4), x[4], x[5], LotkaVolterra.STEPS, LotkaVolterra.H),
                        w,
                        all(marked.drates(), marked.dx0(), marked.dy0()))
                .assertPassed();
    }

    @Test
    void theStacksGrowLikeTheSquareRootOfTheSteps() {
        double[] rates = LotkaVolterra.rates();
        long plain = StackPeaks.bytes(() -> LotkaVolterraGrad.plain(rates, 10, 5, 1_000_000, LotkaVolterra.H));
        long marked = StackPeaks.bytes(() -> LotkaVolterraGrad.checkpointed(rates, 10, 5, 1_000_000, 1e-5));
        long markedSmall = StackPeaks.bytes(() -> LotkaVolterraGrad.checkpointed(rates, 10, 5, 10_000, 1e-5));
        // unmarked: x and y of every step; marked: 1000 snapshots of (x, y, s), one segment's (x, y)
        assertEquals(16L * 1_000_000, plain);
        assertEquals(16L * 999 + 4 * 1000 + 16L * 1000, marked);
        assertTrue(marked < 11 * markedSmall, "100 times the steps, 10 times the stacks");
        DiffusionReaction.Data p = DiffusionReaction.Data.of(400, 2000);
        long copyBack = StackPeaks.bytes(
                () -> DiffusionReactionGrad.copyBack(p.u0(), p.d(), p.r(), p.target(), p.steps(), p.dt(), p.dx()));
        long checkpointed = StackPeaks.bytes(() -> DiffusionReactionCheckpointedGrad.copyBack(
                p.u0(), p.d(), p.r(), p.target(), p.steps(), p.dt(), p.dx()));
        System.out.printf(
                "diffusion-reaction 400 cells, 2000 steps: stacks' peak %.1f MB unmarked, %.1f MB checkpointed%n",
                copyBack / 1e6, checkpointed / 1e6);
        // unmarked, each step saves its state once (ReadsSavedOnce): 6.4 MB; checkpointed, sqrt(2000) snapshots
        assertTrue(checkpointed * 5 < copyBack, copyBack + " bytes against " + checkpointed);
    }

    private static double loss(DiffusionReaction.Data p, double[] w, boolean swapped) {
        double[] start = Arrays.copyOf(w, p.u0().length);
        double d = w[p.u0().length], r = w[p.u0().length + 1];
        return swapped
                ? DiffusionReactionCheckpointed.swapped(start, d, r, p.target(), p.steps(), p.dt(), p.dx())
                : DiffusionReactionCheckpointed.copyBack(start, d, r, p.target(), p.steps(), p.dt(), p.dx());
    }

    private static double[] all(double[] rates, double x0, double y0) {
        double[] a = Arrays.copyOf(rates, rates.length + 2);
        a[rates.length] = x0;
        a[rates.length + 1] = y0;
        return a;
    }

    private static double[] flat(double[] du0, double dd, double dr, double value) {
        double[] all = Arrays.copyOf(du0, du0.length + 3);
        all[du0.length] = dd;
        all[du0.length + 1] = dr;
        all[du0.length + 2] = value;
        return all;
    }
}
