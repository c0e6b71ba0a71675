package dev.adjoint.samples.krylov;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.NewtonCG;
import dev.adjoint.runtime.SecondOrderObjective;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExtendedRosenbrockTest {

    /**
     * The hand-written H·v against central differences of the generated gradient,
     * (∇f(x + h v) − ∇f(x − h v)) / 2h, at a random point and direction.
     */
    @Test
    void handWrittenHvpMatchesDifferencesOfTheGeneratedGradient() {
        Random random = new Random(9);
        int n = 20;
        double[] x = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextGaussian();
            v[i] = random.nextGaussian();
        }
        SecondOrderObjective.Evaluation e = ExtendedRosenbrock.handWrittenHvp(x, v);
        ExtendedRosenbrockGrad.Value generated = ExtendedRosenbrockGrad.value(x);
        assertEquals(generated.value(), e.value(), 1e-12 * Math.abs(generated.value()));
        assertArrayEquals(generated.dx(), e.gradient(), 1e-10);
        double h = 1e-5;
        double[] plus = new double[n];
        double[] minus = new double[n];
        for (int i = 0; i < n; i++) {
            plus[i] = x[i] + h * v[i];
            minus[i] = x[i] - h * v[i];
        }
        double[] gp = ExtendedRosenbrockGrad.value(plus).dx();
        double[] gm = ExtendedRosenbrockGrad.value(minus).dx();
        for (int i = 0; i < n; i++) {
            double difference = (gp[i] - gm[i]) / (2 * h);
            // truncation error h² f'''' ~ 1e-10 · 2400 and rounding 1e-16 · |g| / h
            assertEquals(difference, e.hessianTimesDirection()[i], 1e-6 * (1 + Math.abs(difference)));
        }
    }

    /**
     * The generated valueHvp (forward over reverse) against the hand-written product: the same
     * arithmetic in another order, so they agree to a few rounding units of the largest term.
     */
    @Test
    void generatedHvpEqualsTheHandWrittenOne() {
        Random random = new Random(10);
        for (int n : new int[] {2, 20, 1000}) {
            double[] x = new double[n];
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = 1.5 * random.nextGaussian();
                v[i] = random.nextGaussian();
            }
            ExtendedRosenbrockGrad.ValueHvp generated = ExtendedRosenbrockGrad.valueHvp(x, v);
            SecondOrderObjective.Evaluation hand = ExtendedRosenbrock.handWrittenHvp(x, v);
            assertEquals(hand.value(), generated.value(), 1e-14 * Math.abs(hand.value()));
            assertArrayEquals(hand.gradient(), generated.dx(), 1e-12 * maxAbs(hand.gradient()));
            assertArrayEquals(
                    hand.hessianTimesDirection(), generated.hvx(), 1e-12 * maxAbs(hand.hessianTimesDirection()));
        }
    }

    /** The generated dense Hessian, column by column, against the hand-written 2×2 blocks. */
    @Test
    void generatedHessianEqualsTheHandWrittenBlocks() {
        Random random = new Random(11);
        int n = 8;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextGaussian();
        }
        double[][] hessian = ExtendedRosenbrockGrad.valueHessian(x).hessian();
        for (int j = 0; j < n; j++) {
            double[] unit = new double[n];
            unit[j] = 1;
            double[] column = ExtendedRosenbrock.handWrittenHvp(x, unit).hessianTimesDirection();
            for (int i = 0; i < n; i++) {
                assertEquals(column[i], hessian[i][j], 1e-12 * (1 + Math.abs(column[i])), i + ", " + j);
            }
        }
    }

    /** Newton–CG through {@link ExtendedRosenbrock#objective()} uses the generated product. */
    @Test
    void newtonCgReachesTheToleranceAndMomentumTooButSlower() {
        NewtonCG.Result newton = new NewtonCG(NewtonVersusMomentum.GRADIENT_TOLERANCE)
                .minimize(ExtendedRosenbrock.objective(), ExtendedRosenbrock.start(1000));
        assertTrue(newton.gradientNorm() <= 1e-8, newton.toString());
        assertTrue(newton.iterations() >= 30 && newton.iterations() <= 60, newton.toString());
        NewtonVersusMomentum.MomentumRun tuned = NewtonVersusMomentum.bestMomentum(1000, 100_000);
        assertNotNull(tuned);
        assertTrue(tuned.gradientNorm() <= 1e-8);
        // the best grid point needs 942 gradients; Newton-CG fewer than 200 evaluations of any kind
        assertTrue(tuned.iterations() > 500 && tuned.iterations() < 2000, "" + tuned.iterations());
        assertTrue(newton.gradientEvaluations() + newton.hessianVectorProducts() + newton.functionEvaluations() < 200);
    }

    private static double maxAbs(double[] v) {
        double largest = 0;
        for (double x : v) {
            largest = Math.max(largest, Math.abs(x));
        }
        return largest;
    }
}
