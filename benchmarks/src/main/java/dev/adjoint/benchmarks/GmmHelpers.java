package dev.adjoint.benchmarks;

import dev.adjoint.Differentiable;

/**
 * GMM, style (c): built from small {@code @Differentiable} helpers — log-sum-exp, the triangular
 * product {@code Q·v}, the squared norm, the Wishart term of one component — called per point
 * and per component, each returning a fresh value or array, as someone would write it who thinks
 * in functions rather than loops. Same layout as {@link Gmm}.
 *
 * <p>Changed from the version first written (kept as text in {@code
 * src/main/resources/rejected/GmmHelpers.java.txt}): there, {@code centred(x, p, means, j, d)} and
 * {@code qTimes(icf, at, v)} returned {@code double[]} and the objective called {@code
 * squaredNorm(qTimes(icf, j * tri, centred(...)))}. The processor accepts only {@code
 * @Differentiable} methods that return {@code double} ({@code [Adjoint.ReturnType]}), so the
 * centring and the product by {@code Q} moved into one scalar helper, {@link #mahalanobis}, which
 * builds both vectors locally and calls {@link #squaredNorm} on the product.
 */
public final class GmmHelpers {
    private GmmHelpers() {}

    /** {@code log sum_i exp(v_i)}, shifted by the maximum. */
    @Differentiable
    public static double logSumExp(double[] v) {
        double mx = v[0];
        for (int i = 1; i < v.length; i++) {
            mx = Math.max(mx, v[i]);
        }
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += Math.exp(v[i] - mx);
        }
        return mx + Math.log(s);
    }

    /** {@code ||v||^2}. */
    @Differentiable
    public static double squaredNorm(double[] v) {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += v[i] * v[i];
        }
        return s;
    }

    /**
     * {@code ||Q_j (x_p - mu_j)||^2} for the component whose parameters start at {@code icf[at]}
     * (diagonal {@code exp(icf[at + r])}, then the strict lower part column by column) and whose
     * mean is row {@code j} of {@code means}: centres the point, multiplies by {@code Q} and hands
     * the product to {@link #squaredNorm}.
     */
    @Differentiable(wrt = {"icf", "means"})
    public static double mahalanobis(double[] icf, int at, double[] means, int j, double[] x, int p, int d) {
        double[] v = new double[d];
        for (int r = 0; r < d; r++) {
            v[r] = x[p * d + r] - means[j * d + r];
        }
        double[] z = new double[d];
        for (int r = 0; r < d; r++) {
            z[r] = Math.exp(icf[at + r]) * v[r];
        }
        int t = at + d;
        for (int c = 0; c < d; c++) {
            for (int r = c + 1; r < d; r++) {
                z[r] = z[r] + icf[t] * v[c];
                t = t + 1;
            }
        }
        return squaredNorm(z);
    }

    /** {@code sum_r icf[at + r]}: the log-determinant of {@code Q}. */
    @Differentiable(wrt = "icf")
    public static double logDet(double[] icf, int at, int d) {
        double s = 0;
        for (int r = 0; r < d; r++) {
            s += icf[at + r];
        }
        return s;
    }

    /** One component's Wishart term, without the constant: {@code gamma^2/2 ||Q||_F^2 - m log det Q}. */
    @Differentiable(wrt = "icf")
    public static double wishart(double[] icf, int at, int d, double gamma, int m) {
        int tri = d * (d + 1) / 2;
        double frob = 0;
        for (int r = 0; r < d; r++) {
            double e = Math.exp(icf[at + r]);
            frob += e * e;
        }
        for (int t = at + d; t < at + tri; t++) {
            frob += icf[t] * icf[t];
        }
        return 0.5 * gamma * gamma * frob - m * logDet(icf, at, d);
    }

    @Differentiable(wrt = {"alphas", "means", "icf"})
    public static double gmm(
            double[] alphas, double[] means, double[] icf, double[] x, int d, int k, int n, double gamma, int m) {
        int tri = d * (d + 1) / 2;
        double total = 0;
        for (int p = 0; p < n; p++) {
            double[] terms = new double[k];
            for (int j = 0; j < k; j++) {
                terms[j] = alphas[j] + logDet(icf, j * tri, d) - 0.5 * mahalanobis(icf, j * tri, means, j, x, p, d);
            }
            total += logSumExp(terms);
        }
        int dof = d + m + 1;
        double c = dof * d * (Math.log(gamma) - 0.5 * Math.log(2)) - Gmm.logGammaDistrib(0.5 * dof, d);
        double prior = 0;
        for (int j = 0; j < k; j++) {
            prior += wishart(icf, j * tri, d, gamma, m) - c;
        }
        return total - n * logSumExp(alphas) - n * d * 0.5 * Math.log(2 * Math.PI) + prior;
    }
    // ------------------------------------------------------- the hand-written gradient, by helper

    /**
     * The hand-written reverse gradient, one backward helper per forward helper: per point, each
     * component's product {@code z = Q(x_p - mu_j)} is kept ({@code k·d} doubles of {@code work}),
     * the log-sum-exp's backward gives the softmax weights, and {@link #mahalanobisBack} carries
     * each weight into {@code icf} and {@code means}. Gradients are overwritten; returns the
     * objective. {@code work} holds at least {@code k d + k + d} doubles.
     */
    public static double handGradient(
            double[] alphas,
            double[] means,
            double[] icf,
            double[] x,
            int d,
            int k,
            int n,
            double gamma,
            int m,
            double[] galphas,
            double[] gmeans,
            double[] gicf,
            double[] work) {
        int tri = d * (d + 1) / 2;
        int termsAt = k * d;
        int vAt = termsAt + k;
        java.util.Arrays.fill(galphas, 0, k, 0.0);
        java.util.Arrays.fill(gmeans, 0, k * d, 0.0);
        java.util.Arrays.fill(gicf, 0, k * tri, 0.0);
        double total = 0;
        for (int p = 0; p < n; p++) {
            for (int j = 0; j < k; j++) {
                work[termsAt + j] = alphas[j]
                        + logDet(icf, j * tri, d)
                        - 0.5 * mahalanobisKeep(icf, j * tri, means, j, x, p, d, work, vAt, j * d);
            }
            total += logSumExpBack(work, termsAt, k, 1.0);
            for (int j = 0; j < k; j++) {
                double w = work[termsAt + j];
                galphas[j] += w;
                for (int r = 0; r < d; r++) {
                    gicf[j * tri + r] += w; // logDet
                }
                mahalanobisBack(icf, j * tri, means, j, x, p, d, work, j * d, -0.5 * w, gicf, gmeans);
            }
        }
        double lseAlphas = logSumExp(alphas);
        for (int j = 0; j < k; j++) {
            galphas[j] -= n * Math.exp(alphas[j] - lseAlphas);
        }
        int dof = d + m + 1;
        double c = dof * d * (Math.log(gamma) - 0.5 * Math.log(2)) - Gmm.logGammaDistrib(0.5 * dof, d);
        double prior = 0;
        for (int j = 0; j < k; j++) {
            prior += wishart(icf, j * tri, d, gamma, m) - c;
            wishartBack(icf, j * tri, d, gamma, m, gicf);
        }
        return total - n * lseAlphas - n * d * 0.5 * Math.log(2 * Math.PI) + prior;
    }

    /**
     * {@link #mahalanobis}, keeping {@code z} in {@code work[zAt..zAt+d)} (and {@code v} in {@code
     * work[vAt..vAt+d)}).
     */
    static double mahalanobisKeep(
            double[] icf, int at, double[] means, int j, double[] x, int p, int d, double[] work, int vAt, int zAt) {
        for (int r = 0; r < d; r++) {
            work[vAt + r] = x[p * d + r] - means[j * d + r];
            work[zAt + r] = Math.exp(icf[at + r]) * work[vAt + r];
        }
        int t = at + d;
        for (int c = 0; c < d; c++) {
            double vc = work[vAt + c];
            for (int r = c + 1; r < d; r++) {
                work[zAt + r] += icf[t++] * vc;
            }
        }
        double s = 0;
        for (int r = 0; r < d; r++) {
            s += work[zAt + r] * work[zAt + r];
        }
        return s;
    }

    /** Adds {@code seed · d||z||^2} to {@code gicf} and {@code gmeans}, {@code z} kept at zAt. */
    static void mahalanobisBack(
            double[] icf,
            int at,
            double[] means,
            int j,
            double[] x,
            int p,
            int d,
            double[] work,
            int zAt,
            double seed,
            double[] gicf,
            double[] gmeans) {
        int t = at + d;
        for (int c = 0; c < d; c++) {
            double vc = x[p * d + c] - means[j * d + c];
            double ec = Math.exp(icf[at + c]);
            double gzc = 2 * seed * work[zAt + c];
            gicf[at + c] += gzc * ec * vc;
            double gvc = gzc * ec;
            for (int r = c + 1; r < d; r++) {
                double gzr = 2 * seed * work[zAt + r];
                gicf[t] += gzr * vc;
                gvc += gzr * icf[t];
                t++;
            }
            gmeans[j * d + c] -= gvc;
        }
    }

    /**
     * Log-sum-exp of {@code v[at..at+len)}; replaces the entries by {@code seed} times their
     * softmax weights (its backward sweep).
     */
    static double logSumExpBack(double[] v, int at, int len, double seed) {
        double mx = v[at];
        for (int i = 1; i < len; i++) {
            mx = Math.max(mx, v[at + i]);
        }
        double s = 0;
        for (int i = 0; i < len; i++) {
            v[at + i] = Math.exp(v[at + i] - mx);
            s += v[at + i];
        }
        for (int i = 0; i < len; i++) {
            v[at + i] = seed * v[at + i] / s;
        }
        return mx + Math.log(s);
    }

    /** Adds the gradient of {@link #wishart} to {@code gicf}. */
    static void wishartBack(double[] icf, int at, int d, double gamma, int m, double[] gicf) {
        int tri = d * (d + 1) / 2;
        double g2 = gamma * gamma;
        for (int r = 0; r < d; r++) {
            double e = Math.exp(icf[at + r]);
            gicf[at + r] += g2 * e * e - m;
        }
        for (int t = at + d; t < at + tri; t++) {
            gicf[t] += g2 * icf[t];
        }
    }
}
