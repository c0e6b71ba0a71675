package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NewtonCGTest {

    /**
     * Extended Rosenbrock (Moré, Garbow and Hillstrom, problem 21): n/2 independent pairs
     * 100 (x_{2i+1} − x_{2i}²)² + (1 − x_{2i})², with its gradient and H·v written by hand.
     */
    static final SecondOrderObjective EXTENDED_ROSENBROCK = (x, v) -> {
        int n = x.length;
        double value = 0;
        double[] g = new double[n];
        double[] hv = new double[n];
        for (int i = 0; i < n; i += 2) {
            double a = x[i];
            double b = x[i + 1];
            double r = b - a * a;
            value += 100 * r * r + (1 - a) * (1 - a);
            g[i] = -400 * a * r - 2 * (1 - a);
            g[i + 1] = 200 * r;
            double haa = 1200 * a * a - 400 * b + 2;
            double hab = -400 * a;
            hv[i] = haa * v[i] + hab * v[i + 1];
            hv[i + 1] = hab * v[i] + 200 * v[i + 1];
        }
        return new SecondOrderObjective.Evaluation(value, g, hv);
    };

    static double[] standardStart(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i += 2) {
            x[i] = -1.2;
            x[i + 1] = 1;
        }
        return x;
    }

    @Test
    void extendedRosenbrockThousandUnknownsReachesGradientNorm1e8() {
        NewtonCG.Result r = new NewtonCG(1e-8).minimize(EXTENDED_ROSENBROCK, standardStart(1000));
        assertTrue(r.converged(), r.toString());
        assertTrue(r.gradientNorm() <= 1e-8, "gradient norm " + r.gradientNorm());
        // the pairs are identical, so this is the 2-D trust-region path: 45 iterations, 7 rejected
        assertTrue(r.iterations() >= 30 && r.iterations() <= 60, "iterations " + r.iterations());
        assertTrue(r.negativeCurvatureIterations() >= 1, "the path crosses indefinite regions");
        // each pair is a 2×2 block, so CG needs at most 2 steps per iteration
        assertTrue(r.hessianVectorProducts() <= 2 * r.iterations(), r.toString());
        for (double xi : r.x()) {
            assertEquals(1.0, xi, 1e-9);
        }
        assertEquals(0.0, r.value(), 1e-17);
    }

    /** f = x⁴/4 − x²/2 + y²: a saddle at the origin, minima at (±1, 0). */
    @Test
    void negativeCurvatureNearASaddleIsEscaped() {
        SecondOrderObjective saddle = (p, v) -> new SecondOrderObjective.Evaluation(
                Math.pow(p[0], 4) / 4 - p[0] * p[0] / 2 + p[1] * p[1],
                new double[] {p[0] * p[0] * p[0] - p[0], 2 * p[1]},
                new double[] {(3 * p[0] * p[0] - 1) * v[0], 2 * v[1]});
        NewtonCG.Result r = new NewtonCG(1e-10).minimize(saddle, new double[] {1e-3, 0.5});
        assertTrue(r.converged(), r.toString());
        assertTrue(r.negativeCurvatureIterations() >= 1, r.toString());
        assertEquals(1.0, r.x()[0], 1e-9); // went downhill along +x, away from the saddle
        assertEquals(0.0, r.x()[1], 1e-9);
        assertEquals(-0.25, r.value(), 1e-15);
    }

    @Test
    void iterationBudgetIsReported() {
        NewtonCG.Result r = new NewtonCG(1e-8, 3, 10).minimize(EXTENDED_ROSENBROCK, standardStart(4));
        assertEquals(NewtonCG.Stop.ITERATION_BUDGET, r.stop());
        assertEquals(3, r.iterations());
        assertEquals(4 - r.rejectedSteps(), r.gradientEvaluations());
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new NewtonCG(0));
        assertThrows(IllegalArgumentException.class, () -> new NewtonCG(1e-8, 10, 0));
        SecondOrderObjective wrongLength =
                (x, v) -> new SecondOrderObjective.Evaluation(0, new double[1], new double[1]);
        assertThrows(IllegalArgumentException.class, () -> new NewtonCG(1e-8).minimize(wrongLength, new double[2]));
    }
}
