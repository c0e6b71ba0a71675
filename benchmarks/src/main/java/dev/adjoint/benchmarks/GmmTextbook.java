package dev.adjoint.benchmarks;

import dev.adjoint.Differentiable;

/**
 * GMM, style (b): as a statistics textbook writes the mixture log-likelihood, from the definition
 * rather than from ADBench's code. For each point {@code p}, for each component {@code j}:
 * {@code v = x_p - mu_j}, {@code z = Q_j v} with {@code Q_j} lower triangular (diagonal {@code
 * exp(icf)}, then the strict lower part column by column, walked with a running index), and
 * {@code log N_j = logNorm_j - |z|^2 / 2} where {@code logNorm_j} gathers the mixing weight, the
 * log-determinant and the {@code 2 pi} term once per component. The running maximum is kept
 * during the component loop by an {@code if / else if}; a second loop over the components adds
 * up the log-sum-exp. The Wishart prior comes last.
 *
 * <p>Layout as in ADBench and {@link Gmm}: {@code means[j*d + r]}, {@code icf[j*d(d+1)/2 + ...]},
 * {@code x[p*d + r]}.
 */
public final class GmmTextbook {
    private GmmTextbook() {}

    @Differentiable(wrt = {"alphas", "means", "icf"})
    public static double logLikelihood(
            double[] alphas, double[] means, double[] icf, double[] x, int d, int k, int n, double gamma, int m) {
        int tri = d * (d + 1) / 2;

        // log of the normalised mixing weights: alpha_j - log sum_i exp(alpha_i)
        double top = alphas[0];
        for (int j = 1; j < k; j++) {
            top = Math.max(top, alphas[j]);
        }
        double norm = 0;
        for (int j = 0; j < k; j++) {
            norm += Math.exp(alphas[j] - top);
        }
        double logNormaliser = top + Math.log(norm);

        double[] diag = new double[k * d];
        double[] logNorm = new double[k];
        double halfLog2Pi = 0.5 * Math.log(2 * Math.PI);
        for (int j = 0; j < k; j++) {
            double logDet = 0;
            for (int r = 0; r < d; r++) {
                logDet += icf[j * tri + r];
                diag[j * d + r] = Math.exp(icf[j * tri + r]);
            }
            logNorm[j] = alphas[j] - logNormaliser + logDet - d * halfLog2Pi;
        }

        double[] v = new double[d];
        double[] z = new double[d];
        double[] logp = new double[k];
        double total = 0;
        for (int p = 0; p < n; p++) {
            double best = 0;
            for (int j = 0; j < k; j++) {
                for (int r = 0; r < d; r++) {
                    v[r] = x[p * d + r] - means[j * d + r];
                }
                for (int r = 0; r < d; r++) {
                    z[r] = diag[j * d + r] * v[r];
                }
                int t = j * tri + d;
                for (int c = 0; c < d; c++) {
                    for (int r = c + 1; r < d; r++) {
                        z[r] += icf[t] * v[c];
                        t++;
                    }
                }
                double q = 0;
                for (int r = 0; r < d; r++) {
                    q += z[r] * z[r];
                }
                logp[j] = logNorm[j] - 0.5 * q;
                if (j == 0) {
                    best = logp[j];
                } else if (logp[j] > best) {
                    best = logp[j];
                }
            }
            double s = 0;
            for (int j = 0; j < k; j++) {
                s += Math.exp(logp[j] - best);
            }
            total += best + Math.log(s);
        }

        // Wishart prior on each Q_j: gamma^2/2 ||Q_j||_F^2 - m log det Q_j, less its constant
        int dof = d + m + 1;
        double constant = dof * d * (Math.log(gamma) - 0.5 * Math.log(2)) - Gmm.logGammaDistrib(0.5 * dof, d);
        double prior = 0;
        for (int j = 0; j < k; j++) {
            double frob = 0;
            double logDet = 0;
            for (int r = 0; r < d; r++) {
                frob += diag[j * d + r] * diag[j * d + r];
                logDet += icf[j * tri + r];
            }
            for (int t = j * tri + d; t < (j + 1) * tri; t++) {
                frob += icf[t] * icf[t];
            }
            prior += 0.5 * gamma * gamma * frob - m * logDet - constant;
        }
        return total + prior;
    }

    /**
     * The hand-written reverse gradient, in the same textbook order: per point, keep each
     * component's {@code z} (k·d doubles), then walk the components back. Gradients are overwritten;
     * returns the objective. {@code work} holds at least {@code 2 k d + 2 k + d} doubles.
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
        int diagAt = 0;
        int zAt = k * d;
        int logpAt = 2 * k * d;
        int normAt = logpAt + k;
        int vAt = normAt + k;
        java.util.Arrays.fill(galphas, 0, k, 0.0);
        java.util.Arrays.fill(gmeans, 0, k * d, 0.0);
        java.util.Arrays.fill(gicf, 0, k * tri, 0.0);

        double top = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            top = Math.max(top, alphas[j]);
        }
        double norm = 0;
        for (int j = 0; j < k; j++) {
            norm += Math.exp(alphas[j] - top);
        }
        double logNormaliser = top + Math.log(norm);
        double halfLog2Pi = 0.5 * Math.log(2 * Math.PI);
        // the gradient of the data term with respect to logNorm_j (component j's total
        // responsibility) is gathered in galphas first and spread to alphas and icf at the end
        for (int j = 0; j < k; j++) {
            double logDet = 0;
            for (int r = 0; r < d; r++) {
                logDet += icf[j * tri + r];
                work[diagAt + j * d + r] = Math.exp(icf[j * tri + r]);
            }
            work[normAt + j] = alphas[j] - logNormaliser + logDet - d * halfLog2Pi;
        }

        double total = 0;
        for (int p = 0; p < n; p++) {
            int xp = p * d;
            double best = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                int zj = zAt + j * d;
                int dj = diagAt + j * d;
                int mj = j * d;
                for (int r = 0; r < d; r++) {
                    work[vAt + r] = x[xp + r] - means[mj + r];
                    work[zj + r] = work[dj + r] * work[vAt + r];
                }
                int t = j * tri + d;
                for (int c = 0; c < d; c++) {
                    double vc = work[vAt + c];
                    for (int r = c + 1; r < d; r++) {
                        work[zj + r] += icf[t++] * vc;
                    }
                }
                double q = 0;
                for (int r = 0; r < d; r++) {
                    q += work[zj + r] * work[zj + r];
                }
                double lp = work[normAt + j] - 0.5 * q;
                work[logpAt + j] = lp;
                best = Math.max(best, lp);
            }
            double s = 0;
            for (int j = 0; j < k; j++) {
                double e = Math.exp(work[logpAt + j] - best);
                work[logpAt + j] = e;
                s += e;
            }
            total += best + Math.log(s);
            for (int j = 0; j < k; j++) {
                double resp = work[logpAt + j] / s;
                galphas[j] += resp; // d total / d logNorm_j, spread below
                int zj = zAt + j * d;
                int dj = diagAt + j * d;
                int mj = j * d;
                int t = j * tri + d;
                for (int c = 0; c < d; c++) {
                    double vc = x[xp + c] - means[mj + c];
                    double gzc = -resp * work[zj + c];
                    gicf[j * tri + c] += gzc * vc * work[dj + c];
                    double gvc = gzc * work[dj + c];
                    for (int r = c + 1; r < d; r++) {
                        double gzr = -resp * work[zj + r];
                        gicf[t] += gzr * vc;
                        gvc += gzr * icf[t];
                        t++;
                    }
                    gmeans[mj + c] -= gvc;
                }
            }
        }
        // logNorm_j = alphas_j - logNormaliser + sum_r icf_jr + const
        double sumResp = 0;
        for (int j = 0; j < k; j++) {
            sumResp += galphas[j];
            for (int r = 0; r < d; r++) {
                gicf[j * tri + r] += galphas[j];
            }
        }
        for (int j = 0; j < k; j++) {
            galphas[j] -= sumResp * Math.exp(alphas[j] - top) / norm;
        }

        int dof = d + m + 1;
        double constant = dof * d * (Math.log(gamma) - 0.5 * Math.log(2)) - Gmm.logGammaDistrib(0.5 * dof, d);
        double g2 = gamma * gamma;
        double prior = 0;
        for (int j = 0; j < k; j++) {
            double frob = 0;
            double logDet = 0;
            for (int r = 0; r < d; r++) {
                double e = work[diagAt + j * d + r];
                frob += e * e;
                logDet += icf[j * tri + r];
                gicf[j * tri + r] += g2 * e * e - m;
            }
            for (int t = j * tri + d; t < (j + 1) * tri; t++) {
                frob += icf[t] * icf[t];
                gicf[t] += g2 * icf[t];
            }
            prior += 0.5 * g2 * frob - m * logDet - constant;
        }
        return total + prior;
    }
}
