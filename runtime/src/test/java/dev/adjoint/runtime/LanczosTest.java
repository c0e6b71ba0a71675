package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LanczosTest {

    @Test
    void fullRunOnDiagonalMatrixRecoversEverySpectrumEntry() {
        int n = 60;
        double[] spectrum = new double[n];
        for (int i = 0; i < n; i++) {
            spectrum[i] = i * i / 10.0 - 50;
        }
        Lanczos.Result r = Lanczos.run(v -> diag(spectrum, v), n, n, 1);
        double[] sorted = spectrum.clone();
        Arrays.sort(sorted);
        assertEquals(n, r.steps());
        assertTrue(r.invariant());
        // with full reorthogonalisation, n steps are an exact similarity up to rounding
        assertArrayEquals(sorted, r.ritzValues(), 1e-10);
    }

    @Test
    void fewStepsFindTheExtremesOfASpectrumHiddenByARandomRotation() {
        Random random = new Random(3);
        int n = 200;
        double[] spectrum = new double[n];
        for (int i = 0; i < n; i++) {
            spectrum[i] = random.nextDouble() * 10 - 2; // the bulk in [−2, 8]
        }
        spectrum[0] = -6; // outliers, as a loss Hessian has
        spectrum[1] = 25;
        spectrum[2] = 19;
        double[][] a = KrylovTestMatrices.withSpectrum(spectrum, random);
        Lanczos.Result r = Lanczos.run(v -> KrylovTestMatrices.times(a, v), n, 40, 11);
        assertEquals(40, r.steps());
        assertFalse(r.invariant());
        // the separated extremes converge first: to 1e-9 in 40 of 200 steps
        assertEquals(25, r.largest(), 1e-9);
        assertEquals(-6, r.smallest(), 1e-9);
        assertEquals(19, r.ritzValues()[r.ritzValues().length - 2], 1e-9);
        assertTrue(r.largestResidual() < 1e-8, "residual " + r.largestResidual());
        // every Ritz value lies within its residual bound of some eigenvalue (and inside the range)
        for (int i = 0; i < r.steps(); i++) {
            double theta = r.ritzValues()[i];
            assertTrue(
                    KrylovTestMatrices.distanceToNearest(theta, spectrum) <= r.residuals()[i] + 1e-10,
                    "Ritz value " + theta + " farther than its bound " + r.residuals()[i]);
            assertTrue(theta >= -6 - 1e-10 && theta <= 25 + 1e-10);
        }
    }

    @Test
    void stopsWhenTheKrylovSpaceIsInvariant() {
        // three distinct eigenvalues: the Krylov space of any start has dimension at most 3
        int n = 30;
        double[] spectrum = new double[n];
        for (int i = 0; i < n; i++) {
            spectrum[i] = new double[] {-1, 2, 4}[i % 3];
        }
        Lanczos.Result r = Lanczos.run(v -> diag(spectrum, v), n, 20, 5);
        assertEquals(3, r.steps());
        assertTrue(r.invariant());
        assertArrayEquals(new double[] {-1, 2, 4}, r.ritzValues(), 1e-12);
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Lanczos.run(v -> v, new double[3], 2));
        assertThrows(IllegalArgumentException.class, () -> Lanczos.run(v -> v, 3, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Lanczos.run(v -> new double[2], 3, 2, 1));
    }

    private static double[] diag(double[] d, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = d[i] * v[i];
        }
        return out;
    }
}
