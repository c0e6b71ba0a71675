package dev.adjoint.benchmarks;

import dev.adjoint.Differentiable;
import java.util.SplittableRandom;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.special.Gamma;

/**
 * The Gaussian mixture model objective of ADBench ({@code src/cpp/shared/gmm.h},
 * {@code gmm_objective}), statement for statement:
 *
 * <pre>
 * err = -n d/2 log(2 pi)
 *     + sum_i logsumexp_k( alphas[k] + sum(log diag Q_k) - 0.5 ||Q_k (x_i - means_k)||^2 )
 *     - n logsumexp(alphas)
 *     + sum_k ( 0.5 gamma^2 (||diag Q_k||^2 + ||offdiag Q_k||^2) - m sum(log diag Q_k) )
 *     - k C(gamma, m, d)
 * </pre>
 *
 * <p>Parameters: {@code alphas[k]}; {@code means[k*d]} (component {@code ik} at {@code ik*d});
 * {@code icf[k*d(d+1)/2]}: for each component, first the {@code d} logs of the diagonal of the
 * inverse Cholesky factor {@code Q_k}, then its strictly lower part column by column; data {@code
 * x[n*d]}; the Wishart prior's {@code gamma} and {@code m}.
 */
public final class Gmm {
    private Gmm() {}

    @Differentiable(
            wrt = {"alphas", "means", "icf"},
            order = 2)
    public static double gmm(
            double[] alphas, double[] means, double[] icf, double[] x, int d, int k, int n, double gamma, int m) {
        double constant = -n * d * 0.5 * Math.log(2 * Math.PI);
        int icfSz = d * (d + 1) / 2;

        double[] qdiags = new double[d * k];
        double[] sumQs = new double[k];
        double[] xcentered = new double[d];
        double[] qxcentered = new double[d];
        double[] mainTerm = new double[k];

        // preprocess_qs
        for (int ik = 0; ik < k; ik++) {
            sumQs[ik] = 0;
            for (int id = 0; id < d; id++) {
                double q = icf[ik * icfSz + id];
                sumQs[ik] = sumQs[ik] + q;
                qdiags[ik * d + id] = Math.exp(q);
            }
        }

        double slse = 0;
        for (int ix = 0; ix < n; ix++) {
            for (int ik = 0; ik < k; ik++) {
                // subtract
                for (int id = 0; id < d; id++) {
                    xcentered[id] = x[ix * d + id] - means[ik * d + id];
                }
                // Qtimesx
                for (int id = 0; id < d; id++) {
                    qxcentered[id] = qdiags[ik * d + id] * xcentered[id];
                }
                int lparamsidx = 0;
                for (int i = 0; i < d; i++) {
                    for (int j = i + 1; j < d; j++) {
                        qxcentered[j] = qxcentered[j] + icf[ik * icfSz + d + lparamsidx] * xcentered[i];
                        lparamsidx++;
                    }
                }
                // sqnorm
                double sq = 0;
                for (int id = 0; id < d; id++) {
                    sq = sq + qxcentered[id] * qxcentered[id];
                }
                mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sq;
            }
            // logsumexp(k, mainTerm)
            double mx = mainTerm[0];
            for (int ik = 1; ik < k; ik++) {
                if (mx < mainTerm[ik]) {
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
            if (amx < alphas[ik]) {
                amx = alphas[ik];
            }
        }
        double asemx = 0;
        for (int ik = 0; ik < k; ik++) {
            asemx = asemx + Math.exp(alphas[ik] - amx);
        }
        double lseAlphas = Math.log(asemx) + amx;

        double err = constant + slse - n * lseAlphas;

        // log_wishart_prior(d, k, wishart, sumQs, qdiags, icf)
        int wn = d + m + 1;
        double c = wn * d * (Math.log(gamma) - 0.5 * Math.log(2)) - logGammaDistrib(0.5 * wn, d);
        double out = 0;
        for (int ik = 0; ik < k; ik++) {
            double frobenius1 = 0;
            for (int id = 0; id < d; id++) {
                frobenius1 = frobenius1 + qdiags[ik * d + id] * qdiags[ik * d + id];
            }
            double frobenius2 = 0;
            for (int id = d; id < icfSz; id++) {
                frobenius2 = frobenius2 + icf[ik * icfSz + id] * icf[ik * icfSz + id];
            }
            out = out + 0.5 * gamma * gamma * (frobenius1 + frobenius2) - m * sumQs[ik];
        }
        return err + (out - k * c);
    }

    /** ADBench's {@code log_gamma_distrib}: the log of the multivariate gamma function. */
    public static double logGammaDistrib(double a, int p) {
        double out = 0.25 * p * (p - 1) * Math.log(Math.PI);
        for (int j = 1; j <= p; j++) {
            out += Gamma.logGamma(a + 0.5 * (1 - j));
        }
        return out;
    }

    /**
     * The hand-written gradient into {@code galphas}, {@code gmeans}, {@code gicf} (overwritten);
     * returns the objective. {@code scratch} holds at least {@code 2*d*k + 2*k + d} doubles.
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
            double[] scratch) {
        int icfSz = d * (d + 1) / 2;
        int qdOff = 0; // qdiags[k*d]
        int sqOff = d * k; // sumQs[k]
        int zOff = sqOff + k; // z = Q (x - mu) for every component: [k*d]
        int mtOff = zOff + d * k; // mainTerm[k]
        int xcOff = mtOff + k; // xcentered[d]
        for (int ik = 0; ik < k; ik++) {
            double s = 0;
            for (int id = 0; id < d; id++) {
                double q = icf[ik * icfSz + id];
                s += q;
                scratch[qdOff + ik * d + id] = Math.exp(q);
            }
            scratch[sqOff + ik] = s;
        }
        java.util.Arrays.fill(galphas, 0, k, 0.0);
        java.util.Arrays.fill(gmeans, 0, k * d, 0.0);
        java.util.Arrays.fill(gicf, 0, k * icfSz, 0.0);

        double slse = 0;
        for (int ix = 0; ix < n; ix++) {
            int xo = ix * d;
            double mx = Double.NEGATIVE_INFINITY;
            for (int ik = 0; ik < k; ik++) {
                int mo = ik * d;
                int lo = ik * icfSz + d;
                int zo = zOff + ik * d;
                for (int id = 0; id < d; id++) {
                    double xc = x[xo + id] - means[mo + id];
                    scratch[zo + id] = scratch[qdOff + mo + id] * xc;
                }
                int l = lo;
                for (int i = 0; i < d; i++) {
                    double xci = x[xo + i] - means[mo + i];
                    for (int j = i + 1; j < d; j++) {
                        scratch[zo + j] += icf[l++] * xci;
                    }
                }
                double sq = 0;
                for (int id = 0; id < d; id++) {
                    double z = scratch[zo + id];
                    sq += z * z;
                }
                double mt = alphas[ik] + scratch[sqOff + ik] - 0.5 * sq;
                scratch[mtOff + ik] = mt;
                if (mt > mx) {
                    mx = mt;
                }
            }
            double semx = 0;
            for (int ik = 0; ik < k; ik++) {
                double e = Math.exp(scratch[mtOff + ik] - mx);
                scratch[mtOff + ik] = e;
                semx += e;
            }
            slse += Math.log(semx) + mx;
            double inv = 1.0 / semx;
            // backward: w = softmax(mainTerm); d mainTerm / d z = -z
            for (int ik = 0; ik < k; ik++) {
                double w = scratch[mtOff + ik] * inv;
                galphas[ik] += w;
                int mo = ik * d;
                int qo = ik * icfSz;
                int zo = zOff + ik * d;
                for (int id = 0; id < d; id++) {
                    scratch[xcOff + id] = x[xo + id] - means[mo + id];
                }
                // dz_j = -w z_j; z_j = qd_j xc_j + sum_{i<j} L_ij xc_i
                int l = qo + d;
                for (int i = 0; i < d; i++) {
                    double xci = scratch[xcOff + i];
                    double dzi = -w * scratch[zo + i];
                    double qdi = scratch[qdOff + mo + i];
                    // diagonal: d q_i = dz_i xc_i qd_i (+ w from sum_qs)
                    gicf[qo + i] += dzi * xci * qdi + w;
                    double dxci = dzi * qdi;
                    for (int j = i + 1; j < d; j++) {
                        double dzj = -w * scratch[zo + j];
                        gicf[l] += dzj * xci;
                        dxci += dzj * icf[l];
                        l++;
                    }
                    gmeans[mo + i] -= dxci;
                }
            }
        }

        // - n logsumexp(alphas)
        double amx = Double.NEGATIVE_INFINITY;
        for (int ik = 0; ik < k; ik++) {
            amx = Math.max(amx, alphas[ik]);
        }
        double asemx = 0;
        for (int ik = 0; ik < k; ik++) {
            asemx += Math.exp(alphas[ik] - amx);
        }
        for (int ik = 0; ik < k; ik++) {
            galphas[ik] -= n * Math.exp(alphas[ik] - amx) / asemx;
        }
        double lseAlphas = Math.log(asemx) + amx;
        double constant = -n * d * 0.5 * Math.log(2 * Math.PI);
        double err = constant + slse - n * lseAlphas;

        // Wishart prior
        int wn = d + m + 1;
        double c = wn * d * (Math.log(gamma) - 0.5 * Math.log(2)) - logGammaDistrib(0.5 * wn, d);
        double g2 = gamma * gamma;
        double out = 0;
        for (int ik = 0; ik < k; ik++) {
            double frob = 0;
            int qo = ik * icfSz;
            for (int id = 0; id < d; id++) {
                double qd = scratch[qdOff + ik * d + id];
                frob += qd * qd;
                gicf[qo + id] += g2 * qd * qd - m;
            }
            for (int id = d; id < icfSz; id++) {
                double v = icf[qo + id];
                frob += v * v;
                gicf[qo + id] += g2 * v;
            }
            out += 0.5 * g2 * frob - m * scratch[sqOff + ik];
        }
        return err + (out - k * c);
    }

    /** The objective on Hipparchus {@link Gradient} parameters. */
    public static Gradient hipparchus(
            Gradient[] alphas, Gradient[] means, Gradient[] icf, double[] x, int d, int k, int n, double gamma, int m) {
        Gradient zero = Gradients.zeroLike(alphas[0]);
        double constant = -n * d * 0.5 * Math.log(2 * Math.PI);
        int icfSz = d * (d + 1) / 2;
        Gradient[] qdiags = new Gradient[d * k];
        Gradient[] sumQs = new Gradient[k];
        Gradient[] xcentered = new Gradient[d];
        Gradient[] qxcentered = new Gradient[d];
        Gradient[] mainTerm = new Gradient[k];
        for (int ik = 0; ik < k; ik++) {
            sumQs[ik] = zero;
            for (int id = 0; id < d; id++) {
                Gradient q = icf[ik * icfSz + id];
                sumQs[ik] = sumQs[ik].add(q);
                qdiags[ik * d + id] = q.exp();
            }
        }
        Gradient slse = zero;
        for (int ix = 0; ix < n; ix++) {
            for (int ik = 0; ik < k; ik++) {
                for (int id = 0; id < d; id++) {
                    xcentered[id] = means[ik * d + id].negate().add(x[ix * d + id]);
                }
                for (int id = 0; id < d; id++) {
                    qxcentered[id] = qdiags[ik * d + id].multiply(xcentered[id]);
                }
                int lparamsidx = 0;
                for (int i = 0; i < d; i++) {
                    for (int j = i + 1; j < d; j++) {
                        qxcentered[j] = qxcentered[j].add(icf[ik * icfSz + d + lparamsidx].multiply(xcentered[i]));
                        lparamsidx++;
                    }
                }
                Gradient sq = zero;
                for (int id = 0; id < d; id++) {
                    sq = sq.add(qxcentered[id].square());
                }
                mainTerm[ik] = alphas[ik].add(sumQs[ik]).subtract(sq.multiply(0.5));
            }
            slse = slse.add(logsumexp(mainTerm, k));
        }
        Gradient err = slse.add(constant).subtract(logsumexp(alphas, k).multiply(n));
        int wn = d + m + 1;
        double c = wn * d * (Math.log(gamma) - 0.5 * Math.log(2)) - logGammaDistrib(0.5 * wn, d);
        Gradient out = zero;
        for (int ik = 0; ik < k; ik++) {
            Gradient frob = zero;
            for (int id = 0; id < d; id++) {
                frob = frob.add(qdiags[ik * d + id].square());
            }
            for (int id = d; id < icfSz; id++) {
                frob = frob.add(icf[ik * icfSz + id].square());
            }
            out = out.add(frob.multiply(0.5 * gamma * gamma)).subtract(sumQs[ik].multiply(m));
        }
        return err.add(out.subtract(k * c));
    }

    private static Gradient logsumexp(Gradient[] v, int len) {
        Gradient mx = v[0];
        for (int i = 1; i < len; i++) {
            if (mx.getValue() < v[i].getValue()) {
                mx = v[i];
            }
        }
        Gradient semx = Gradients.zeroLike(v[0]);
        for (int i = 0; i < len; i++) {
            semx = semx.add(v[i].subtract(mx).exp());
        }
        return semx.log().add(mx);
    }

    /** A deterministic GMM problem: parameters and data from a seeded generator. */
    public static final class Data {
        public final int d;
        public final int k;
        public final int n;
        public final double gamma;
        public final int m;
        public final double[] alphas;
        public final double[] means;
        public final double[] icf;
        public final double[] x;

        /** ADBench's prior: gamma = 1, m = 0. */
        public Data(int d, int k, int n, long seed) {
            this(d, k, n, seed, 1.0, 0);
        }

        public Data(int d, int k, int n, long seed, double gamma, int m) {
            this.gamma = gamma;
            this.m = m;
            this.d = d;
            this.k = k;
            this.n = n;
            SplittableRandom r = new SplittableRandom(seed);
            int icfSz = d * (d + 1) / 2;
            alphas = new double[k];
            means = new double[k * d];
            icf = new double[k * icfSz];
            x = new double[n * d];
            for (int i = 0; i < k; i++) {
                alphas[i] = normal(r);
            }
            for (int i = 0; i < means.length; i++) {
                means[i] = r.nextDouble();
            }
            for (int ik = 0; ik < k; ik++) {
                for (int j = 0; j < icfSz; j++) {
                    icf[ik * icfSz + j] = j < d ? 0.5 * r.nextDouble() - 0.25 : 0.2 * normal(r);
                }
            }
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextDouble();
            }
        }

        public int parameters() {
            return alphas.length + means.length + icf.length;
        }

        public double objective() {
            return Gmm.gmm(alphas, means, icf, x, d, k, n, gamma, m);
        }

        private static double normal(SplittableRandom r) {
            double u = 1 - r.nextDouble();
            double v = r.nextDouble();
            return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        }
    }
}
