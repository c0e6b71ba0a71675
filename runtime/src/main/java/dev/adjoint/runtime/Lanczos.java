package dev.adjoint.runtime;

import static dev.adjoint.runtime.Vectors.axpy;
import static dev.adjoint.runtime.Vectors.dot;
import static dev.adjoint.runtime.Vectors.norm;

import java.util.Arrays;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * The Lanczos method: estimates the extreme eigenvalues of a symmetric linear operator A seen only
 * through products A·v — for a loss, its Hessian through Hessian-vector products, never formed.
 *
 * <p>k steps build an orthonormal basis q_1, …, q_k of the Krylov space span{q_1, A q_1, …,
 * A^{k−1} q_1} in which A is the symmetric tridiagonal T_k (diagonal α, off-diagonal β):
 *
 * <pre>
 *   w = A q_j − α_j q_j − β_{j−1} q_{j−1},   α_j = q_jᵀ A q_j,   β_j = |w|,   q_{j+1} = w / β_j
 * </pre>
 *
 * The eigenvalues of T_k, the Ritz values, approach A's extreme eigenvalues first and fast
 * (Golub and Van Loan, <i>Matrix Computations</i>, §10.1). In floating point the three-term
 * recurrence loses orthogonality as soon as a Ritz value converges, which produces spurious copies
 * of it; here every new vector is orthogonalised against all previous ones, twice ("twice is
 * enough", Parlett), which costs O(k² n) and keeps the basis orthonormal to rounding. That suits
 * the k of tens to a few hundred this is meant for.
 *
 * <p>Each Ritz value θ_i with eigenvector s_i of T_k comes with the residual |A y_i − θ_i y_i| =
 * β_k |s_i[k]| (y_i = Q s_i): an eigenvalue of A lies within that distance of θ_i.
 */
public final class Lanczos {

    private Lanczos() {}

    /**
     * What k Lanczos steps found.
     *
     * @param ritzValues the eigenvalues of T_k, ascending
     * @param residuals {@code residuals[i]} bounds the distance from {@code ritzValues[i]} to an
     *     eigenvalue of the operator
     * @param alpha the diagonal of T_k
     * @param beta its off-diagonal (length k − 1)
     * @param steps k, the number of operator products taken
     * @param invariant whether the Krylov space became invariant (β ≈ 0) before the requested
     *     steps: then the Ritz values are exact eigenvalues of the operator
     */
    public record Result(
            double[] ritzValues, double[] residuals, double[] alpha, double[] beta, int steps, boolean invariant) {

        /**
         * The largest Ritz value.
         *
         * @return an estimate (from below) of the largest eigenvalue
         */
        public double largest() {
            return ritzValues[ritzValues.length - 1];
        }

        /**
         * The smallest Ritz value.
         *
         * @return an estimate (from above) of the smallest eigenvalue
         */
        public double smallest() {
            return ritzValues[0];
        }

        /**
         * The residual bound of {@link #largest()}.
         *
         * @return a bound on the distance from {@link #largest()} to an eigenvalue
         */
        public double largestResidual() {
            return residuals[residuals.length - 1];
        }

        /**
         * The residual bound of {@link #smallest()}.
         *
         * @return a bound on the distance from {@link #smallest()} to an eigenvalue
         */
        public double smallestResidual() {
            return residuals[0];
        }
    }

    /**
     * {@code steps} Lanczos steps on the symmetric operator {@code times} (v ↦ A v, on vectors of
     * length {@code n}) from a random start drawn with {@code seed}.
     *
     * @param times the operator v ↦ A v
     * @param n the length of the vectors
     * @param steps the number of Lanczos steps
     * @param seed the seed of the random start
     * @return the Ritz values, their bounds and the tridiagonal matrix
     */
    public static Result run(UnaryOperator<double[]> times, int n, int steps, long seed) {
        Random random = new Random(seed);
        double[] start = new double[n];
        for (int i = 0; i < n; i++) {
            start[i] = random.nextGaussian();
        }
        return run(times, start, steps);
    }

    /**
     * {@code steps} Lanczos steps on the symmetric operator {@code times} from {@code start}
     * (nonzero; normalised here, not modified). Stops early, with {@link Result#invariant()} set,
     * if the Krylov space stops growing; never takes more than {@code start.length} steps.
     *
     * @param times the operator v ↦ A v
     * @param start the start vector
     * @param steps the number of Lanczos steps
     * @return the Ritz values, their bounds and the tridiagonal matrix
     * @throws IllegalArgumentException if {@code steps < 1}, {@code start} is zero, or the operator
     *     returns a vector of another length
     */
    public static Result run(UnaryOperator<double[]> times, double[] start, int steps) {
        int n = start.length;
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1: " + steps);
        }
        int k = Math.min(steps, n);
        double startNorm = norm(start);
        if (!(startNorm > 0) || Double.isInfinite(startNorm)) {
            throw new IllegalArgumentException("start must be nonzero and finite");
        }
        double[][] basis = new double[k][];
        double[] alpha = new double[k];
        double[] beta = new double[k]; // beta[j] couples q_j and q_{j+1}; beta[k-1] is the residual
        double[] q = scaled(start, 1 / startNorm);
        double operatorScale = 0; // a running estimate of |A|, for the breakdown test
        int taken = 0;
        boolean invariant = false;
        for (int j = 0; j < k; j++) {
            basis[j] = q;
            double[] w = times.apply(q.clone());
            if (w.length != n) {
                throw new IllegalArgumentException(
                        "the operator returned length " + w.length + " for an input of length " + n);
            }
            taken = j + 1;
            alpha[j] = dot(q, w);
            axpy(-alpha[j], q, w);
            if (j > 0) {
                axpy(-beta[j - 1], basis[j - 1], w);
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i <= j; i++) {
                    axpy(-dot(basis[i], w), basis[i], w);
                }
            }
            beta[j] = norm(w);
            double rowSum = Math.abs(alpha[j]) + beta[j] + (j > 0 ? beta[j - 1] : 0);
            operatorScale = Math.max(operatorScale, rowSum);
            if (beta[j] <= 1e-12 * operatorScale) {
                invariant = true;
                beta[j] = 0;
                break;
            }
            if (j + 1 < k) {
                q = scaled(w, 1 / beta[j]);
            }
        }
        double[] a = Arrays.copyOf(alpha, taken);
        double[] b = Arrays.copyOf(beta, Math.max(0, taken - 1));
        SymmetricEigen.Decomposition t = SymmetricEigen.tridiagonal(a, b);
        double last = beta[taken - 1];
        double[] residuals = new double[taken];
        for (int i = 0; i < taken; i++) {
            residuals[i] = Math.abs(last * t.vectors()[i][taken - 1]);
        }
        return new Result(t.values(), residuals, a, b, taken, invariant || taken == n);
    }

    private static double[] scaled(double[] x, double a) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = a * x[i];
        }
        return y;
    }
}
