package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class OptimizersTest {

    // --- Sgd ---

    @Test
    void sgdStepsAgainstTheGradient() {
        double[] p = {1, -2, 3};
        new Sgd(0.5).step(p, new double[] {2, 4, -6});
        assertArrayEquals(new double[] {0, -4, 6}, p, 0);
    }

    @Test
    void sgdLeavesTheGradientAlone() {
        double[] g = {1, 2};
        new Sgd(0.1).step(new double[2], g);
        assertArrayEquals(new double[] {1, 2}, g, 0);
    }

    // --- Momentum ---

    @Test
    void momentumAccumulatesAVelocity() {
        Momentum opt = new Momentum(0.1, 0.9);
        double[] p = {0};
        assertNull(opt.velocity(p));
        opt.step(p, new double[] {1}); // v = -0.1
        assertEquals(-0.1, p[0], 1e-15);
        opt.step(p, new double[] {1}); // v = 0.9 * -0.1 - 0.1 = -0.19
        assertEquals(-0.29, p[0], 1e-15);
        assertEquals(-0.19, opt.velocity(p)[0], 1e-15);
        opt.step(p, new double[] {0}); // v = -0.171: keeps rolling with no gradient
        assertEquals(-0.461, p[0], 1e-15);
    }

    @Test
    void momentumZeroIsSgd() {
        double[] a = {0.3, -0.7};
        double[] b = a.clone();
        Optimizer m = new Momentum(0.05, 0);
        Optimizer s = new Sgd(0.05);
        for (int k = 0; k < 5; k++) {
            double[] g = {a[0] * 2, a[1] - 1};
            m.step(a, g);
            s.step(b, g);
        }
        assertArrayEquals(b, a, 0);
    }

    @Test
    void nesterovLooksAhead() {
        Momentum opt = new Momentum(0.1, 0.9, true);
        double[] p = {0};
        opt.step(p, new double[] {1}); // v = -0.1, p += 0.9 * -0.1 - 0.1
        assertEquals(-0.19, p[0], 1e-15);
    }

    @Test
    void momentumKeepsOneVelocityPerArray() {
        Momentum opt = new Momentum(0.1, 0.5);
        double[] a = {0};
        double[] b = {0};
        opt.step(a, new double[] {1});
        opt.step(a, new double[] {1});
        opt.step(b, new double[] {1}); // b's first step: unaffected by a's velocity
        assertEquals(-0.1, b[0], 1e-15);
        assertEquals(-0.25, a[0], 1e-15);
        opt.reset();
        opt.step(a, new double[] {1});
        assertEquals(-0.35, a[0], 1e-15);
    }

    // --- Adam ---

    @Test
    void adamsFirstStepIsTheLearningRateAgainstTheSign() {
        // m̂ = g and v̂ = g² after bias correction, so the step is η g / (|g| + ε).
        Adam opt = new Adam(0.01);
        double[] p = {1, 1, 1};
        opt.step(p, new double[] {1e-3, -250, 0});
        assertEquals(1 - 0.01, p[0], 1e-7);
        assertEquals(1 + 0.01, p[1], 1e-12);
        assertEquals(1, p[2], 0);
        assertEquals(1, opt.steps(p));
    }

    @Test
    void adamMatchesTheFormulaOverSeveralSteps() {
        double lr = 0.02;
        double b1 = 0.8;
        double b2 = 0.95;
        double eps = 1e-6;
        Adam opt = new Adam(lr, b1, b2, eps);
        double[] p = {0.5};
        double expected = 0.5;
        double m = 0;
        double v = 0;
        double[] gs = {0.3, -1.2, 2.0, 0.1};
        for (int t = 1; t <= gs.length; t++) {
            double g = gs[t - 1];
            m = b1 * m + (1 - b1) * g;
            v = b2 * v + (1 - b2) * g * g;
            expected -= lr * (m / (1 - Math.pow(b1, t))) / (Math.sqrt(v / (1 - Math.pow(b2, t))) + eps);
            opt.step(p, new double[] {g});
            assertEquals(expected, p[0], 1e-15);
        }
        assertEquals(4, opt.steps(p));
        opt.reset();
        assertEquals(0, opt.steps(p));
    }

    // --- all three ---

    private static final List<Supplier<Optimizer>> ALL =
            List.of(() -> new Sgd(0.01), () -> new Momentum(0.01, 0.9), () -> new Adam(0.05));

    @Test
    void everyOptimiserMinimisesAnIllConditionedQuadratic() {
        // f(p) = 0.5 (p0² + 10 p1²) + p0 - p1, minimum at (-1, 0.1).
        for (Supplier<Optimizer> make : ALL) {
            Optimizer opt = make.get();
            double[] p = {3, -2};
            for (int k = 0; k < 3000; k++) {
                opt.step(p, new double[] {p[0] + 1, 10 * p[1] - 1});
            }
            assertEquals(-1, p[0], 1e-3, opt::toString);
            assertEquals(0.1, p[1], 1e-3, opt::toString);
        }
    }

    @Test
    void momentumNeedsFarFewerStepsThanSgdOnAValley() {
        assertTrue(stepsToConverge(new Momentum(0.01, 0.9)) * 4 < stepsToConverge(new Sgd(0.01)));
    }

    private static int stepsToConverge(Optimizer opt) {
        double[] p = {3, -2};
        for (int k = 1; k < 100_000; k++) {
            opt.step(p, new double[] {p[0] + 1, 10 * p[1] - 1});
            if (Math.hypot(p[0] + 1, p[1] - 0.1) < 1e-6) {
                return k;
            }
        }
        return Integer.MAX_VALUE;
    }

    @Test
    void everyOptimiserRejectsMismatchedLengths() {
        for (Supplier<Optimizer> make : ALL) {
            Optimizer opt = make.get();
            assertThrows(IllegalArgumentException.class, () -> opt.step(new double[2], new double[3]));
            assertThrows(NullPointerException.class, () -> opt.step(null, new double[3]));
            assertThrows(NullPointerException.class, () -> opt.step(new double[3], null));
        }
    }

    @Test
    void badHyperParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Sgd(0));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new Momentum(0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Momentum(0.1, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new Adam(-1));
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.1, 0.9, 1.0, 1e-8));
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.1, 0.9, 0.999, 0));
    }

    @Test
    void emptyArraysAreFine() {
        for (Supplier<Optimizer> make : ALL) {
            double[] p = {};
            make.get().step(p, new double[0]);
            assertEquals(0, p.length);
        }
    }
}
