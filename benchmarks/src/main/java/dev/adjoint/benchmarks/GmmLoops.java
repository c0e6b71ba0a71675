package dev.adjoint.benchmarks;

import dev.adjoint.Differentiable;

/**
 * GMM, style (a): ADBench's C++ reference ({@code gmm_objective} and its helpers {@code
 * preprocess_qs}, {@code subtract}, {@code Qtimesx}, {@code sqnorm}, {@code logsumexp}, {@code
 * log_wishart_prior}) transcribed loop for loop, each helper's loops written out where the
 * reference calls it, but on rows: {@code means[k][d]}, {@code icf[k][d(d+1)/2]}, {@code x[n][d]}
 * instead of the reference's flat buffers and pointer offsets. The same function as {@link Gmm}
 * (checked in the tests), written without looking at it.
 */
public final class GmmLoops {
    private GmmLoops() {}

    @Differentiable(
            wrt = {"alphas", "means", "icf"},
            order = 2)
    public static double objective(
            double[] alphas, double[][] means, double[][] icf, double[][] x, double gamma, int m) {
        int k = alphas.length;
        int d = means[0].length;
        int n = x.length;
        int icfSz = icf[0].length;
        double[][] qdiags = new double[k][d];
        double[] sumQs = new double[k];
        double[] xcentered = new double[d];
        double[] qxcentered = new double[d];
        double[] mainTerm = new double[k];

        // preprocess_qs
        for (int ik = 0; ik < k; ik++) {
            sumQs[ik] = 0;
            for (int id = 0; id < d; id++) {
                sumQs[ik] = sumQs[ik] + icf[ik][id];
                qdiags[ik][id] = Math.exp(icf[ik][id]);
            }
        }

        double slse = 0;
        for (int ix = 0; ix < n; ix++) {
            for (int ik = 0; ik < k; ik++) {
                // subtract(d, x[ix], means[ik], xcentered)
                for (int id = 0; id < d; id++) {
                    xcentered[id] = x[ix][id] - means[ik][id];
                }
                // Qtimesx(d, qdiags[ik], icf[ik] + d, xcentered, qxcentered)
                for (int id = 0; id < d; id++) {
                    qxcentered[id] = qdiags[ik][id] * xcentered[id];
                }
                int lparamsidx = d;
                for (int i = 0; i < d; i++) {
                    for (int j = i + 1; j < d; j++) {
                        qxcentered[j] = qxcentered[j] + icf[ik][lparamsidx] * xcentered[i];
                        lparamsidx = lparamsidx + 1;
                    }
                }
                // sqnorm(d, qxcentered)
                double sqnorm = 0;
                for (int id = 0; id < d; id++) {
                    sqnorm = sqnorm + qxcentered[id] * qxcentered[id];
                }
                mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm;
            }
            // logsumexp(k, mainTerm): arr_max, then the shifted sum
            double mx = mainTerm[0];
            for (int ik = 1; ik < k; ik++) {
                if (mainTerm[ik] > mx) {
                    mx = mainTerm[ik];
                }
            }
            double semx = 0;
            for (int ik = 0; ik < k; ik++) {
                semx = semx + Math.exp(mainTerm[ik] - mx);
            }
            slse = slse + (Math.log(semx) + mx);
        }

        // logsumexp(k, alphas)
        double amx = alphas[0];
        for (int ik = 1; ik < k; ik++) {
            if (alphas[ik] > amx) {
                amx = alphas[ik];
            }
        }
        double asemx = 0;
        for (int ik = 0; ik < k; ik++) {
            asemx = asemx + Math.exp(alphas[ik] - amx);
        }
        double lseAlphas = Math.log(asemx) + amx;

        double constant = -n * d * 0.5 * Math.log(2 * Math.PI);

        // log_wishart_prior
        int pn = d + m + 1;
        double wishartC = pn * d * (Math.log(gamma) - 0.5 * Math.log(2)) - Gmm.logGammaDistrib(0.5 * pn, d);
        double prior = 0;
        for (int ik = 0; ik < k; ik++) {
            double frobenius = 0;
            for (int id = 0; id < d; id++) {
                frobenius = frobenius + qdiags[ik][id] * qdiags[ik][id];
            }
            for (int id = d; id < icfSz; id++) {
                frobenius = frobenius + icf[ik][id] * icf[ik][id];
            }
            prior = prior + 0.5 * gamma * gamma * frobenius - m * sumQs[ik];
        }
        prior = prior - k * wishartC;

        return constant + slse - n * lseAlphas + prior;
    }

    /**
     * The hand-written reverse gradient, on the same rows: {@code galphas}, {@code gmeans}, {@code
     * gicf} are overwritten; returns the objective. Per point, the forward sweep keeps every
     * component's {@code Q(x - mu)} so the backward sweep needs no recomputation of the triangle.
     */
    public static double handGradient(
            double[] alphas,
            double[][] means,
            double[][] icf,
            double[][] x,
            double gamma,
            int m,
            double[] galphas,
            double[][] gmeans,
            double[][] gicf) {
        int k = alphas.length;
        int d = means[0].length;
        int n = x.length;
        int icfSz = icf[0].length;
        double[][] qdiags = new double[k][d];
        double[][] qx = new double[k][d];
        double[] sumQs = new double[k];
        double[] weight = new double[k];
        double[] xc = new double[d];
        for (int ik = 0; ik < k; ik++) {
            java.util.Arrays.fill(gmeans[ik], 0.0);
            java.util.Arrays.fill(gicf[ik], 0.0);
            double s = 0;
            for (int id = 0; id < d; id++) {
                s += icf[ik][id];
                qdiags[ik][id] = Math.exp(icf[ik][id]);
            }
            sumQs[ik] = s;
        }
        java.util.Arrays.fill(galphas, 0.0);

        double slse = 0;
        for (int ix = 0; ix < n; ix++) {
            double[] xr = x[ix];
            double mx = Double.NEGATIVE_INFINITY;
            for (int ik = 0; ik < k; ik++) {
                double[] mu = means[ik];
                double[] qd = qdiags[ik];
                double[] l = icf[ik];
                double[] z = qx[ik];
                for (int id = 0; id < d; id++) {
                    xc[id] = xr[id] - mu[id];
                    z[id] = qd[id] * xc[id];
                }
                int li = d;
                for (int i = 0; i < d; i++) {
                    for (int j = i + 1; j < d; j++) {
                        z[j] += l[li++] * xc[i];
                    }
                }
                double sq = 0;
                for (int id = 0; id < d; id++) {
                    sq += z[id] * z[id];
                }
                weight[ik] = alphas[ik] + sumQs[ik] - 0.5 * sq;
                mx = Math.max(mx, weight[ik]);
            }
            double sum = 0;
            for (int ik = 0; ik < k; ik++) {
                weight[ik] = Math.exp(weight[ik] - mx);
                sum += weight[ik];
            }
            slse += Math.log(sum) + mx;
            // d slse / d mainTerm[ik] = softmax weight w; d mainTerm / d z = -z
            for (int ik = 0; ik < k; ik++) {
                double w = weight[ik] / sum;
                galphas[ik] += w;
                double[] mu = means[ik];
                double[] qd = qdiags[ik];
                double[] l = icf[ik];
                double[] z = qx[ik];
                double[] gmu = gmeans[ik];
                double[] gl = gicf[ik];
                int li = d;
                for (int i = 0; i < d; i++) {
                    double xci = xr[i] - mu[i];
                    double dzi = -w * z[i];
                    gl[i] += dzi * xci * qd[i] + w; // through exp on the diagonal, and sumQs
                    double dxci = dzi * qd[i];
                    for (int j = i + 1; j < d; j++) {
                        double dzj = -w * z[j];
                        gl[li] += dzj * xci;
                        dxci += dzj * l[li];
                        li++;
                    }
                    gmu[i] -= dxci;
                }
            }
        }

        double amx = Double.NEGATIVE_INFINITY;
        for (int ik = 0; ik < k; ik++) {
            amx = Math.max(amx, alphas[ik]);
        }
        double asum = 0;
        for (int ik = 0; ik < k; ik++) {
            asum += Math.exp(alphas[ik] - amx);
        }
        for (int ik = 0; ik < k; ik++) {
            galphas[ik] -= n * Math.exp(alphas[ik] - amx) / asum;
        }
        double lseAlphas = Math.log(asum) + amx;

        int pn = d + m + 1;
        double wishartC = pn * d * (Math.log(gamma) - 0.5 * Math.log(2)) - Gmm.logGammaDistrib(0.5 * pn, d);
        double g2 = gamma * gamma;
        double prior = 0;
        for (int ik = 0; ik < k; ik++) {
            double frob = 0;
            for (int id = 0; id < d; id++) {
                double q = qdiags[ik][id];
                frob += q * q;
                gicf[ik][id] += g2 * q * q - m;
            }
            for (int id = d; id < icfSz; id++) {
                double v = icf[ik][id];
                frob += v * v;
                gicf[ik][id] += g2 * v;
            }
            prior += 0.5 * g2 * frob - m * sumQs[ik];
        }
        prior -= k * wishartC;
        return -n * d * 0.5 * Math.log(2 * Math.PI) + slse - n * lseAlphas + prior;
    }

    /** {@code flat[rows * cols]} as rows of {@code cols}. */
    public static double[][] rows(double[] flat, int cols) {
        double[][] r = new double[flat.length / cols][];
        for (int i = 0; i < r.length; i++) {
            r[i] = java.util.Arrays.copyOfRange(flat, i * cols, (i + 1) * cols);
        }
        return r;
    }
}
