package dev.adjoint.runtime;

import java.util.Random;

/** Symmetric test matrices with known spectra for the eigen-solver and Lanczos tests. */
final class KrylovTestMatrices {

    private KrylovTestMatrices() {}

    /** A random orthogonal n×n matrix: Gram–Schmidt (twice) on Gaussian columns. */
    static double[][] randomOrthogonal(int n, Random random) {
        double[][] q = new double[n][n]; // q[j] is column j
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                q[j][i] = random.nextGaussian();
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < j; k++) {
                    double dot = 0;
                    for (int i = 0; i < n; i++) {
                        dot += q[k][i] * q[j][i];
                    }
                    for (int i = 0; i < n; i++) {
                        q[j][i] -= dot * q[k][i];
                    }
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += q[j][i] * q[j][i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                q[j][i] /= norm;
            }
        }
        return q;
    }

    /** Q diag(spectrum) Qᵀ for a random orthogonal Q: symmetric, with exactly that spectrum. */
    static double[][] withSpectrum(double[] spectrum, Random random) {
        int n = spectrum.length;
        double[][] q = randomOrthogonal(n, random);
        double[][] a = new double[n][n];
        for (int k = 0; k < n; k++) {
            double[] column = q[k];
            double lambda = spectrum[k];
            for (int i = 0; i < n; i++) {
                double li = lambda * column[i];
                for (int j = 0; j < n; j++) {
                    a[i][j] += li * column[j];
                }
            }
        }
        return a;
    }

    /** A·v. */
    static double[] times(double[][] a, double[] v) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double s = 0;
            for (int j = 0; j < v.length; j++) {
                s += a[i][j] * v[j];
            }
            out[i] = s;
        }
        return out;
    }

    /** The distance from {@code x} to the nearest entry of {@code values}. */
    static double distanceToNearest(double x, double[] values) {
        double best = Double.POSITIVE_INFINITY;
        for (double v : values) {
            best = Math.min(best, Math.abs(x - v));
        }
        return best;
    }
}
