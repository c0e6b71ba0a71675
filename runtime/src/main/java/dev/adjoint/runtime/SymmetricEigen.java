package dev.adjoint.runtime;

import java.util.Arrays;

/**
 * Eigenvalues (and, for tridiagonal matrices, eigenvectors) of real symmetric matrices, for the
 * Krylov methods: {@link Lanczos} reduces an operator to a small symmetric tridiagonal matrix
 * whose eigenvalues are its Ritz values, and a dense symmetric matrix (a small network's Hessian)
 * reduces to the same form by Householder reflections.
 *
 * <p>The tridiagonal solver is the implicit QL method with Wilkinson-like shifts (Golub and Van
 * Loan, <i>Matrix Computations</i>, §8.3; Wilkinson and Reinsch's {@code tql2}): each sweep
 * chases a plane rotation down the matrix until an off-diagonal entry is negligible against its
 * two diagonal neighbours, which deflates one eigenvalue. Convergence is cubic for symmetric
 * matrices, so a few sweeps per eigenvalue suffice; a cap of {@value #MAX_SWEEPS} per eigenvalue
 * guards against a NaN input looping forever.
 */
public final class SymmetricEigen {

    private static final int MAX_SWEEPS = 60;

    private SymmetricEigen() {}

    /**
     * Eigenvalues in ascending order and their orthonormal eigenvectors.
     *
     * @param values the eigenvalues, ascending
     * @param vectors {@code vectors[i]} is the unit eigenvector of {@code values[i]}
     */
    public record Decomposition(double[] values, double[][] vectors) {}

    /**
     * The eigenvalues, ascending, of the symmetric tridiagonal matrix with {@code diagonal} (length
     * n) and {@code offDiagonal} (length n − 1; entry i couples rows i and i + 1). The arguments are
     * not modified.
     *
     * @param diagonal the diagonal
     * @param offDiagonal the entries beside it
     * @return the eigenvalues, ascending
     */
    public static double[] tridiagonalEigenvalues(double[] diagonal, double[] offDiagonal) {
        return solveTridiagonal(diagonal, offDiagonal, false).values();
    }

    /**
     * Eigenvalues, ascending, and eigenvectors of the symmetric tridiagonal matrix.
     *
     * @param diagonal the diagonal
     * @param offDiagonal the entries beside it
     * @return the eigenvalues and, as columns, their eigenvectors
     */
    public static Decomposition tridiagonal(double[] diagonal, double[] offDiagonal) {
        return solveTridiagonal(diagonal, offDiagonal, true);
    }

    /**
     * The eigenvalues, ascending, of the dense symmetric matrix {@code a} (only its lower triangle
     * is read; it is not modified): Householder reduction to tridiagonal form, then implicit QL.
     * O(n³) time, fine for the few thousand unknowns a dense Hessian can have.
     *
     * @param a the matrix
     * @return the eigenvalues, ascending
     */
    public static double[] eigenvalues(double[][] a) {
        int n = a.length;
        double[][] work = new double[n][];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("row " + i + " has length " + a[i].length + ", not " + n);
            }
            work[i] = new double[n];
            for (int j = 0; j <= i; j++) {
                work[i][j] = a[i][j];
                work[j][i] = a[i][j];
            }
        }
        double[] diagonal = new double[n];
        double[] offDiagonal = new double[Math.max(0, n - 1)];
        householderTridiagonalise(work, diagonal, offDiagonal);
        return tridiagonalEigenvalues(diagonal, offDiagonal);
    }

    /**
     * Reduces the symmetric {@code a} (overwritten) to tridiagonal form by the similarity
     * transformations H_k = I − 2 v vᵀ that zero column k below the subdiagonal, k = 0, 1, …
     * Applied to the trailing block as A ← A − 2 (v qᵀ + q vᵀ) with p = A v, q = p − (vᵀp) v,
     * which is H A H written without forming H.
     */
    private static void householderTridiagonalise(double[][] a, double[] diagonal, double[] offDiagonal) {
        int n = a.length;
        double[] v = new double[n];
        double[] p = new double[n];
        for (int k = 0; k + 2 < n; k++) {
            double norm = 0;
            for (int i = k + 1; i < n; i++) {
                norm = Math.hypot(norm, a[i][k]);
            }
            // alpha takes the sign opposite to the leading entry, so v = x − alpha e1 never cancels
            double alpha = a[k + 1][k] > 0 ? -norm : norm;
            diagonal[k] = a[k][k];
            offDiagonal[k] = alpha;
            if (norm == 0) {
                continue; // the column is already zero below the subdiagonal
            }
            double vNorm2 = 0;
            for (int i = k + 1; i < n; i++) {
                v[i] = a[i][k] - (i == k + 1 ? alpha : 0);
                vNorm2 += v[i] * v[i];
            }
            double scale = 1 / Math.sqrt(vNorm2);
            for (int i = k + 1; i < n; i++) {
                v[i] *= scale;
            }
            double vp = 0;
            for (int i = k + 1; i < n; i++) {
                double s = 0;
                for (int j = k + 1; j < n; j++) {
                    s += a[i][j] * v[j];
                }
                p[i] = s;
                vp += v[i] * s;
            }
            for (int i = k + 1; i < n; i++) {
                p[i] -= vp * v[i]; // p becomes q
            }
            for (int i = k + 1; i < n; i++) {
                for (int j = k + 1; j < n; j++) {
                    a[i][j] -= 2 * (v[i] * p[j] + p[i] * v[j]);
                }
            }
        }
        if (n >= 2) {
            diagonal[n - 2] = a[n - 2][n - 2];
            offDiagonal[n - 2] = a[n - 1][n - 2];
        }
        if (n >= 1) {
            diagonal[n - 1] = a[n - 1][n - 1];
        }
    }

    private static Decomposition solveTridiagonal(double[] diagonal, double[] offDiagonal, boolean wantVectors) {
        int n = diagonal.length;
        if (offDiagonal.length != Math.max(0, n - 1)) {
            throw new IllegalArgumentException(
                    "offDiagonal has length " + offDiagonal.length + ", expected " + Math.max(0, n - 1));
        }
        double[] d = diagonal.clone();
        double[] e = Arrays.copyOf(offDiagonal, n); // e[n - 1] = 0 is a sentinel
        // z[i] is the i-th eigenvector, accumulated as a row so that a rotation touches two rows
        double[][] z = wantVectors ? new double[n][n] : null;
        if (wantVectors) {
            for (int i = 0; i < n; i++) {
                z[i][i] = 1;
            }
        }
        for (int l = 0; l < n; l++) {
            int sweeps = 0;
            while (true) {
                int m = l;
                while (m < n - 1) {
                    double neighbours = Math.abs(d[m]) + Math.abs(d[m + 1]);
                    if (Math.abs(e[m]) <= 0x1p-53 * neighbours) {
                        break;
                    }
                    m++;
                }
                if (m == l) {
                    break; // d[l] has converged
                }
                if (++sweeps > MAX_SWEEPS) {
                    throw new ArithmeticException("implicit QL did not converge (NaN or infinite input?)");
                }
                qlSweep(d, e, z, l, m);
            }
        }
        return sorted(d, z);
    }

    /**
     * One implicit QL sweep on the unreduced block l..m: the shift is the eigenvalue of the leading
     * 2×2 block nearer d[l]; the rotations run from the bottom of the block up.
     */
    private static void qlSweep(double[] d, double[] e, double[][] z, int l, int m) {
        double g = (d[l + 1] - d[l]) / (2 * e[l]);
        double r = Math.hypot(g, 1);
        g = d[m] - d[l] + e[l] / (g + Math.copySign(r, g));
        double s = 1;
        double c = 1;
        double p = 0;
        for (int i = m - 1; i >= l; i--) {
            double f = s * e[i];
            double b = c * e[i];
            r = Math.hypot(f, g);
            e[i + 1] = r;
            if (r == 0) {
                // the rotation underflowed: the block splits at i; undo the partial shift and retry
                d[i + 1] -= p;
                e[m] = 0;
                return;
            }
            s = f / r;
            c = g / r;
            g = d[i + 1] - p;
            r = (d[i] - g) * s + 2 * c * b;
            p = s * r;
            d[i + 1] = g + p;
            g = c * r - b;
            if (z != null) {
                double[] zi = z[i];
                double[] zi1 = z[i + 1];
                for (int k = 0; k < zi.length; k++) {
                    double t = zi1[k];
                    zi1[k] = s * zi[k] + c * t;
                    zi[k] = c * zi[k] - s * t;
                }
            }
        }
        d[l] -= p;
        e[l] = g;
        e[m] = 0;
    }

    private static Decomposition sorted(double[] d, double[][] z) {
        int n = d.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(d[x], d[y]));
        double[] values = new double[n];
        double[][] vectors = z == null ? null : new double[n][];
        for (int i = 0; i < n; i++) {
            values[i] = d[order[i]];
            if (z != null) {
                vectors[i] = z[order[i]];
            }
        }
        return new Decomposition(values, vectors);
    }
}
