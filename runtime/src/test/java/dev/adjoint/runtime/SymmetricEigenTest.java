package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

    /** The n×n second-difference matrix tridiag(−1, 2, −1): λ_k = 2 − 2 cos(kπ/(n+1)). */
    @Test
    void tridiagonalLaplacianHasItsKnownEigenvalues() {
        int n = 50;
        double[] d = new double[n];
        double[] e = new double[n - 1];
        Arrays.fill(d, 2);
        Arrays.fill(e, -1);
        double[] expected = new double[n];
        for (int k = 1; k <= n; k++) {
            expected[k - 1] = 2 - 2 * Math.cos(k * Math.PI / (n + 1));
        }
        assertArrayEquals(expected, SymmetricEigen.tridiagonalEigenvalues(d, e), 1e-13);
        assertEquals(2.0, d[0]); // arguments untouched
        assertEquals(-1.0, e[0]);
    }

    @Test
    void tridiagonalEigenvectorsAreOrthonormalAndSatisfyTheEquation() {
        Random random = new Random(7);
        int n = 30;
        double[] d = new double[n];
        double[] e = new double[n - 1];
        for (int i = 0; i < n; i++) {
            d[i] = random.nextGaussian() * 3;
            if (i < n - 1) {
                e[i] = random.nextGaussian();
            }
        }
        SymmetricEigen.Decomposition t = SymmetricEigen.tridiagonal(d, e);
        for (int a = 0; a < n; a++) {
            double[] v = t.vectors()[a];
            for (int i = 0; i < n; i++) { // (T v)_i − λ v_i
                double tv = d[i] * v[i] + (i > 0 ? e[i - 1] * v[i - 1] : 0) + (i < n - 1 ? e[i] * v[i + 1] : 0);
                assertEquals(t.values()[a] * v[i], tv, 1e-12, "T v = λ v, vector " + a + " row " + i);
            }
            for (int b = 0; b <= a; b++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += v[i] * t.vectors()[b][i];
                }
                assertEquals(a == b ? 1 : 0, dot, 1e-13, "vᵀv of " + a + ", " + b);
            }
        }
        for (int a = 1; a < n; a++) {
            assertEquals(true, t.values()[a - 1] <= t.values()[a], "ascending");
        }
    }

    @Test
    void diagonalMatrixGivesItsDiagonalSorted() {
        double[][] a = {{3, 0, 0, 0}, {0, -1, 0, 0}, {0, 0, 7.5, 0}, {0, 0, 0, 0}};
        assertArrayEquals(new double[] {-1, 0, 3, 7.5}, SymmetricEigen.eigenvalues(a), 0);
    }

    @Test
    void denseMatrixWithKnownSpectrumUnderRandomOrthogonalSimilarity() {
        Random random = new Random(42);
        int n = 80;
        double[] spectrum = new double[n];
        for (int i = 0; i < n; i++) {
            spectrum[i] = -20 + 0.5 * i + (i % 7 == 0 ? 0 : 0.01 * i); // negatives, spread, no ties
        }
        spectrum[10] = spectrum[11] = 1.25; // a double eigenvalue too
        double[][] a = KrylovTestMatrices.withSpectrum(spectrum, random);
        double[] sorted = spectrum.clone();
        Arrays.sort(sorted);
        // backward stable: errors of a few ulps of |A| = 20 times n
        assertArrayEquals(sorted, SymmetricEigen.eigenvalues(a), 1e-11);
    }

    @Test
    void twoByTwoAndOneByOne() {
        assertArrayEquals(new double[] {5}, SymmetricEigen.eigenvalues(new double[][] {{5}}), 0);
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3
        assertArrayEquals(new double[] {1, 3}, SymmetricEigen.eigenvalues(new double[][] {{2, 1}, {1, 2}}), 1e-15);
        assertArrayEquals(new double[0], SymmetricEigen.eigenvalues(new double[0][]), 0);
    }

    @Test
    void badInputIsRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> SymmetricEigen.tridiagonalEigenvalues(new double[3], new double[1]));
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.eigenvalues(new double[][] {{1, 2}, {2}}));
        assertThrows(
                ArithmeticException.class,
                () -> SymmetricEigen.tridiagonalEigenvalues(new double[] {1, Double.NaN}, new double[] {1}));
    }
}
